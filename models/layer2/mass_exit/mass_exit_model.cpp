// See mass_exit_model.hpp.
#include "models/layer2/mass_exit/mass_exit_model.hpp"

#include <algorithm>
#include <deque>
#include <optional>

#include "models/adversary/time_dilation.hpp"
#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/design/exit_tree_reader.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/htlc_holder.hpp"
#include "models/layer2/lightning/implementation_preset.hpp"
#include "models/layer2/mass_exit/round_exits.hpp"

namespace models::layer2::mass_exit {

namespace {

/// A wallet that watches the chain acts within seconds of a block (the Lightning victim's default
/// reaction, lightning/htlc_holder.hpp); any delay well under the block interval only moves which
/// block a bid first reaches.
constexpr double ark_latency_s = 10.0;

/// What one run measured, each quantity once: outcome_columns() and the row come from this list.
struct Outcome {
    double ark_users = 0, ark_exited = 0, ark_value_btc = 0, ark_value_lost_btc = 0;
    double ark_fees_sat = 0, ark_vbytes = 0;
    double ln_htlcs = 0, ln_htlcs_lost = 0, ln_fees_sat = 0;
    double last_height = 0;
};

std::vector<std::pair<sim::Column, double>> named(const Outcome& o) {
    using sim::ColumnType;
    const auto share = [](double part, double whole) { return whole > 0 ? part / whole : 0.0; };
    return {
        {{"ark_users", ColumnType::f64, "users", "Ark users exiting (rounds x the tree's users)"},
         o.ark_users},
        {{"ark_exited", ColumnType::f64, "users",
          "users whose claim confirmed before the rounds expired"},
         o.ark_exited},
        {{"ark_value_btc", ColumnType::f64, "BTC", "value of the exiting users' VTXOs"},
         o.ark_value_btc},
        {{"ark_value_lost_btc", ColumnType::f64, "BTC",
          "VTXO value not exited before expiry (the server may sweep it)"},
         o.ark_value_lost_btc},
        {{"ark_value_lost_share", ColumnType::f64, "1",
          "ark_value_lost_btc / ark_value_btc (0 without Ark users)"},
         share(o.ark_value_lost_btc, o.ark_value_btc)},
        {{"ark_fees_sat", ColumnType::f64, "sat",
          "fees of the Ark exit transactions that confirmed"},
         o.ark_fees_sat},
        {{"ark_vbytes", ColumnType::f64, "vB",
          "vbytes of the Ark exit transactions that confirmed"},
         o.ark_vbytes},
        {{"ln_htlcs", ColumnType::f64, "HTLCs", "HTLCs on the force-closed channels"}, o.ln_htlcs},
        {{"ln_htlcs_lost", ColumnType::f64, "HTLCs",
          "HTLCs whose timeout claim had not confirmed by the deadline"},
         o.ln_htlcs_lost},
        {{"ln_htlc_lost_share", ColumnType::f64, "1",
          "ln_htlcs_lost / ln_htlcs (0 without channels)"},
         share(o.ln_htlcs_lost, o.ln_htlcs)},
        {{"ln_fees_sat", ColumnType::f64, "sat",
          "fees of the Lightning side's transactions that confirmed"},
         o.ln_fees_sat},
        {{"last_height_blocks", ColumnType::f64, "blocks",
          "blocks the run lasted after the failure"},
         o.last_height},
    };
}

/// Agents 0 .. rounds-1: each round's users; the last: the Lightning side (when it has channels).
class MassExitAgents {
public:
    MassExitAgents(std::deque<RoundExits>& rounds, std::optional<lightning::HtlcHolder>& holder,
                   bitcoin::Height failure)
        : rounds_(rounds), holder_(holder), failure_(failure) {
        if (holder_) holder_->set_index(static_cast<bitcoin::AgentIndex>(rounds_.size()));
    }

    std::size_t size() const { return rounds_.size() + (holder_ ? 1 : 0); }
    double latency_s(std::size_t i) {
        return i < rounds_.size() ? ark_latency_s : holder_->latency_s(*world_);
    }
    void on_start(bitcoin::World& w) {
        world_ = &w;
        if (w.tip_height() >= failure_) start(w);
    }
    void on_block(std::size_t i, bitcoin::Height h, bitcoin::World& w) {
        if (!started_) {
            if (h >= failure_) start(w);
            return;
        }
        if (i < rounds_.size())
            rounds_[i].act(w);
        else
            holder_->on_block(h, w);
    }
    void on_wake(std::size_t i, std::uint32_t tag, bitcoin::World& w) {
        if (started_ && i == rounds_.size() && holder_) holder_->on_wake(tag, w);
    }
    bool done(const bitcoin::World& w) const {
        if (!started_) return false;
        for (const RoundExits& r : rounds_)
            if (!r.done(w)) return false;
        return !holder_ || holder_->done(w);
    }

private:
    void start(bitcoin::World& w) {
        started_ = true;
        for (RoundExits& r : rounds_) r.act(w);
        if (holder_) holder_->on_start(w);
    }

    std::deque<RoundExits>& rounds_;
    std::optional<lightning::HtlcHolder>& holder_;
    bitcoin::Height failure_;
    bool started_ = false;
    bitcoin::World* world_ = nullptr;
};

lightning::ImplementationPreset preset_of(const LightningCloseParams& p) {
    return lightning::preset_named(p.implementation,
                                   bitcoin::from_btc(channel_capacity_btc(p)).value);
}

}  // namespace

double channel_capacity_btc(const LightningCloseParams& p) {
    // The HTLCs hold at most 40% of the channel (the rest is the two balances and reserves).
    return std::max(0.01, 2.5 * static_cast<double>(p.htlcs_per_channel) * p.htlc_value_btc);
}

std::vector<sim::Column> MassExitModel::outcome_columns(const Params&) {
    std::vector<sim::Column> cols;
    for (const auto& [c, v] : named(Outcome{})) cols.push_back(c);
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput MassExitModel::run(const Params& p, const sim::RunInput& in) {
    const design::Design d = design::read_design(p.ark.design);
    const design::ExitTree& tree = *design::exit_tree(d, p.ark.tree);
    const sim::StreamFactory streams(in.master_seed, in.stream_run);
    bitcoin::World world(p.world, streams);
    // The world starts late enough that the rounds confirmed at a height >= 0.
    const bitcoin::Height origin = tree.spec.lifetime_blocks;
    world.start_at_height(origin);
    const bitcoin::Height failure = origin + static_cast<bitcoin::Height>(p.failure_after_blocks);
    const bitcoin::Height round_h = failure - static_cast<bitcoin::Height>(p.ark.round_age_blocks);
    const bitcoin::Height expiry = round_h + tree.spec.lifetime_blocks;
    const ExitFees fees{p.ark.fee_rate_sat_vb, p.ark.bump_step_sat_vb, p.ark.max_fee_rate_sat_vb};
    std::deque<RoundExits> rounds;
    for (std::int64_t r = 0; r < p.ark.rounds; ++r)
        rounds.emplace_back(tree, fees, round_h, expiry, world);

    // The hub's channels: each peer goes on-chain broadcast_delta blocks before its HTLCs expire,
    // at the failure, and must claim them before its upstream deadline (as in the lightning model).
    const lightning::ImplementationPreset preset = preset_of(p.lightning);
    lightning::ChannelKeys keys;
    std::vector<lightning::Channel> channels;
    std::optional<lightning::HtlcHolder> holder;
    const adversary::TimeDilationParams no_dilation;
    if (p.lightning.channels > 0) {
        const std::uint32_t htlc_expiry = failure + preset.broadcast_delta_blocks;
        for (std::int64_t c = 0; c < p.lightning.channels; ++c) {
            lightning::ChannelSpec s;
            s.capacity = bitcoin::from_btc(channel_capacity_btc(p.lightning));
            s.htlcs = static_cast<std::uint32_t>(
                std::min<std::int64_t>(p.lightning.htlcs_per_channel, preset.max_accepted_htlcs));
            s.htlc_value = bitcoin::from_btc(p.lightning.htlc_value_btc);
            s.expiry_height = htlc_expiry;
            s.to_self_delay_blocks = preset.to_self_delay_blocks;
            s.format = preset.format;
            const bitcoin::Outpoint funding{world.next_txid(), 0};
            channels.push_back(
                lightning::build_channel(keys, s, funding, [&] { return world.next_txid(); }));
            world.add_coin(funding, channels.back().funding_output, origin);
        }
        holder.emplace(lightning::HtlcHolderParams{}, preset, no_dilation, keys, channels,
                       htlc_expiry + preset.cltv_expiry_delta_blocks);
    }

    MassExitAgents agents(rounds, holder, failure);
    world.run(agents);

    Outcome o;
    for (const RoundExits& r : rounds) {
        o.ark_users += r.users();
        o.ark_exited += r.exited(world);
        o.ark_fees_sat += static_cast<double>(r.fees_confirmed(world).value);
        o.ark_vbytes += static_cast<double>(r.vbytes_confirmed(world));
    }
    o.ark_value_btc = o.ark_users * tree.spec.vtxo_value_btc;
    o.ark_value_lost_btc = (o.ark_users - o.ark_exited) * tree.spec.vtxo_value_btc;
    if (holder) {
        for (const auto& ch : channels) o.ln_htlcs += ch.spec.htlcs;
        // The hub is down: it never claims with the preimage, so an HTLC is the peer's only by
        // its timeout claim.
        o.ln_htlcs_lost = o.ln_htlcs - static_cast<double>(holder->htlcs_claimed(world));
        o.ln_fees_sat = static_cast<double>(holder->ledger().fees_confirmed(world).value);
    }
    o.last_height = static_cast<double>(world.tip_height() - failure);
    std::vector<double> out;
    for (const auto& [c, v] : named(o)) out.push_back(v);
    world.stats().append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> MassExitModel::check(const Params& p) {
    if (auto broken = bitcoin::demand_rule_violation(p.world.demand)) return broken;
    const design::Design d = design::read_design(p.ark.design);  // errors at the design's line
    const design::ExitTree* tree = design::exit_tree(d, p.ark.tree);
    if (tree == nullptr)
        return std::pair{"ark.tree", "no [tree." + p.ark.tree + "] in " + p.ark.design};
    if (p.ark.round_age_blocks >= static_cast<std::int64_t>(tree->spec.lifetime_blocks))
        return std::pair{
            "ark.round_age_blocks",
            "the rounds must not have expired at the failure: below the tree's lifetime_blocks (" +
                std::to_string(tree->spec.lifetime_blocks) + ")"};
    if (p.ark.max_fee_rate_sat_vb < p.ark.fee_rate_sat_vb)
        return std::pair{"ark.max_fee_rate_sat_vb", "must be at least ark.fee_rate_sat_vb"};
    const auto preset = preset_of(p.lightning);
    std::int64_t needed = p.failure_after_blocks + 1;
    if (p.ark.rounds > 0)
        needed = std::max(needed, p.failure_after_blocks +
                                      static_cast<std::int64_t>(tree->spec.lifetime_blocks) -
                                      p.ark.round_age_blocks);
    if (p.lightning.channels > 0)
        needed =
            std::max<std::int64_t>(needed, p.failure_after_blocks + preset.broadcast_delta_blocks +
                                               preset.cltv_expiry_delta_blocks + 2);
    if (p.world.horizon_blocks < needed)
        return std::pair{"world.horizon_blocks",
                         "must cover the exit windows: at least " + std::to_string(needed)};
    return std::nullopt;
}

}  // namespace models::layer2::mass_exit
