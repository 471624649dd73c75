// See lightning_world_model.hpp.
#include "models/layer2/lightning/lightning_world_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "models/layer2/dispute/dispute_setup.hpp"
#include "models/layer2/lightning/channel_opener.hpp"

namespace models::layer2::lightning {

ImplementationPreset resolved_preset(const ChannelParams& c) {
    ImplementationPreset p =
        preset_named(c.implementation, bitcoin::from_btc(c.capacity_btc).value);
    if (c.format != "preset") p.format = commitment_format_from(c.format);
    if (c.to_self_delay_blocks > 0)
        p.to_self_delay_blocks = static_cast<std::uint32_t>(c.to_self_delay_blocks);
    if (c.cltv_expiry_delta_blocks > 0)
        p.cltv_expiry_delta_blocks = static_cast<std::uint32_t>(c.cltv_expiry_delta_blocks);
    if (c.rebroadcast_interval_blocks > 0)
        p.rebroadcast_interval_blocks = static_cast<std::uint32_t>(c.rebroadcast_interval_blocks);
    if (c.scan_mempool != "preset") p.scans_mempool_for_preimages = c.scan_mempool == "yes";
    return p;
}

namespace {

enum class Stream : std::uint32_t { tower = 201 };

bool revoked(const LightningWorldParams& p) {
    return p.channel.contested == "revoked_state";
}

/// Everything one run plays out: the channels, the honest parties and the adversary's primitives.
class LightningAgents {
    enum class Slot { thief, tower, pinner, holder, cycler, censor, congest, opener };

public:
    LightningAgents(const LightningWorldParams& p, const ImplementationPreset& preset,
                    bitcoin::World& world, const sim::StreamFactory& streams)
        : p_(p), preset_(preset) {
        const bool rs = revoked(p);
        start_ = static_cast<bitcoin::Height>(p.channel.dispute_start_blocks);
        const std::uint32_t expiry = start_ + preset.broadcast_delta_blocks;
        deadline_ = expiry + preset.cltv_expiry_delta_blocks;
        const std::int64_t n = rs ? 1 : p.channel.channels;
        channels_.reserve(static_cast<std::size_t>(n));
        for (std::int64_t c = 0; c < n; ++c) {
            ChannelSpec s;
            s.capacity = bitcoin::from_btc(p.channel.capacity_btc);
            s.htlcs = rs ? 0
                         : static_cast<std::uint32_t>(std::min<std::int64_t>(
                               p.channel.htlcs_per_channel, preset.max_accepted_htlcs));
            s.htlc_value = bitcoin::from_btc(p.channel.htlc_value_btc);
            s.expiry_height = expiry;
            s.to_self_delay_blocks = preset.to_self_delay_blocks;
            s.format = preset.format;
            s.commitment_fee_rate_sat_vb = p.channel.commitment_fee_rate_sat_vb;
            // The revoked state M broadcasts paid M everything it has since sent V.
            s.m_balance_share = rs ? 1.0 : 0.5;
            const bitcoin::Outpoint funding{world.next_txid(), 0};
            channels_.push_back(
                build_channel(keys_, s, funding, [&] { return world.next_txid(); }));
            world.add_coin(funding, channels_.back().funding_output, 0);
        }
        const Channel& first = channels_.front();
        if (rs) {
            contested_ = {first.commitment(false).id, first.m_layout.to_local};
            thief_.emplace(p.adversary.thief, keys_, first);
            tower_.emplace(
                p.tower, p.adversary.dilation, keys_, first,
                streams.make(sim::StreamKey{1, static_cast<std::uint32_t>(Stream::tower)}));
            active_ = {Slot::thief, Slot::tower};
        } else {
            contested_ = first.htlc(true, 0);
            if (p.adversary.pin.child_vbytes > 0) {
                bitcoin::policy::Assets a;
                a.keys = {keys_.m_anchor};
                pinner_.emplace(p.adversary.pin, first.commitment(false),
                                static_cast<std::uint32_t>(
                                    first.m_layout.own_anchor < 0 ? 0 : first.m_layout.own_anchor),
                                a, payout(keys_, false), keys_.m_payout);
                active_.push_back(Slot::pinner);
            }
            holder_.emplace(p.victim, preset, p.adversary.dilation, keys_, channels_, deadline_);
            active_.push_back(Slot::holder);
            if (p.adversary.cycle.budget_sat > 0.0) {
                std::vector<adversary::Contested> contested;
                for (const Channel& ch : channels_)
                    for (std::uint32_t i = 0; i < ch.spec.htlcs; ++i)
                        contested.push_back({ch.htlc(true, i),
                                             ch.commitment(true).outputs[ch.htlc(true, i).index]});
                bitcoin::policy::Assets a;
                a.keys = {keys_.m_htlc};
                a.preimages = {keys_.payment};
                cycler_.emplace(p.adversary.cycle, std::move(contested), a, payout(keys_, false),
                                keys_.m_payout, deadline_);
                active_.push_back(Slot::cycler);
            }
        }
        // The censoring pools and the congestion filler act on the contested output.
        setup_ = make_dispute(contested_, bitcoin::from_btc(p.channel.capacity_btc), 0, 1);
        // The filler runs while its contested output is unspent. With many HTLCs (Flood & Loot)
        // that must be the one the victim's claims leave for last: its claims are sent channel
        // by channel, HTLC by HTLC, at equal presigned rates, so the last HTLC of the last
        // channel is the last any block takes; watching the first would stop the filler as soon
        // as one claim got in.
        const Channel& last = channels_.back();
        congest_setup_ = rs ? setup_
                            : make_dispute(last.htlc(true, last.spec.htlcs - 1),
                                           bitcoin::from_btc(p.channel.capacity_btc), 0, 1);
        if (p.adversary.censor.hash_share > 0.0) {
            censor_.emplace(p.adversary.censor, setup_, initial_censor_window(rs, expiry));
            active_.push_back(Slot::censor);
        }
        if (p.adversary.congest.fee_rate_sat_vb > 0.0) active_.push_back(Slot::congest);
        if (!rs && p.adversary.funding_fee_rate_sat_vb > 0.0) {
            opener_.emplace(keys_, p.channel.channels, bitcoin::from_btc(p.channel.capacity_btc),
                            p.adversary.funding_fee_rate_sat_vb);
            active_.push_back(Slot::opener);
        }
        for (std::size_t i = 0; i < active_.size(); ++i) {
            if (active_[i] == Slot::holder) holder_->set_index(static_cast<bitcoin::AgentIndex>(i));
            if (active_[i] == Slot::cycler) cycler_->set_index(static_cast<bitcoin::AgentIndex>(i));
        }
    }

    std::size_t size() const { return active_.size(); }
    double latency_s(std::size_t i) {
        double s = 0.0;
        visit(i, [&](auto& a) { s = a.latency_s(*world_); });
        return s;
    }
    void on_start(bitcoin::World& w) {
        world_ = &w;
        started_.assign(size(), false);
        for (std::size_t i = 0; i < size(); ++i)
            if (start_ == 0 || active_[i] == Slot::censor || active_[i] == Slot::opener)
                start(i, w);
    }
    void on_block(std::size_t i, bitcoin::Height h, bitcoin::World& w) {
        // The dispute begins at block dispute_start_blocks, into the backlog the blocks before
        // it left; each party joins when it sees that block.
        if (!started_[i]) {
            if (h >= start_) start(i, w);
            return;
        }
        if (active_[i] == Slot::congest) return drive_congestion(h, w);
        visit(i, [&](auto& a) { a.on_block(h, w); });
    }
    void on_wake(std::size_t i, std::uint32_t tag, bitcoin::World& w) {
        if (active_[i] == Slot::congest)
            return watch_for_congestion(static_cast<bitcoin::AgentIndex>(i), w);
        visit(i, [&](auto& a) {
            if constexpr (requires { a.on_wake(tag, w); }) a.on_wake(tag, w);
        });
    }
    /// The dispute is over once it was decided and the deciding block is buried
    /// `resolution_depth_blocks` deep (a node forgets a resolved channel only then; BOLT 5 calls
    /// an output irrevocably resolved at 100 blocks, 6 is the usual confirmation depth).
    bool done(const bitcoin::World& w) const {
        const bool decided = holder_ ? holder_->done(w)
                                     : w.confirmed_at(contested_.tx).has_value() &&
                                           w.coins().find(contested_) == nullptr;
        if (!decided) return false;
        if (!decided_at_) decided_at_ = w.tip_height();
        return w.tip_height() >= *decided_at_ + resolution_depth_blocks;
    }

    /// The absolute height from which the adversary's own path opens (revoked: the confirmed
    /// commitment's height + to_self_delay; htlc: the block after the upstream deadline, since a
    /// claim confirmed in the deadline's block still counts).
    std::optional<bitcoin::Height> window_end(const bitcoin::World& w) const {
        if (holder_) return deadline_ + 1;  // a claim still counts in block deadline_
        if (auto h = w.confirmed_at(contested_.tx)) return *h + preset_.to_self_delay_blocks;
        return std::nullopt;
    }

    const LightningWorldParams& p_;
    const ImplementationPreset& preset_;
    ChannelKeys keys_;
    std::vector<Channel> channels_;
    bitcoin::Outpoint contested_;
    std::uint32_t deadline_ = 0;
    DisputeSetup setup_;
    DisputeSetup congest_setup_;
    std::optional<RevokedBroadcaster> thief_;
    std::optional<Watchtower> tower_;
    std::optional<adversary::Pinner> pinner_;
    std::optional<HtlcHolder> holder_;
    std::optional<adversary::ReplacementCycler> cycler_;
    std::optional<adversary::Censor> censor_;
    std::optional<adversary::Congest> congest_;
    std::optional<ChannelOpener> opener_;

private:
    void drive_congestion(bitcoin::Height h, bitcoin::World& w) {
        if (congest_) congest_->on_block(h, w);
    }

    void start(std::size_t i, bitcoin::World& w) {
        started_[i] = true;
        if (active_[i] == Slot::congest)
            return watch_for_congestion(static_cast<bitcoin::AgentIndex>(i), w);
        visit(i, [&](auto& a) { a.on_start(w); });
    }

    /// Until the congestion starts, the adversary looks at its mempool every watch_s.
    void watch_for_congestion(bitcoin::AgentIndex self, bitcoin::World& w) {
        if (congest_ || done(w)) return;
        start_congestion(w);
        if (!congest_) w.wake(self, p_.adversary.watch_s, 0);
    }

    void start_congestion(bitcoin::World& w) {
        // The filler starts once the honest side's spend of the contested output shows up in the
        // mempool (congesting before that would be wasted) and runs until the adversary's path
        // opens (adversary/congest.hpp: it stops itself then).
        const auto end = window_end(w);
        if (!end || !w.coins().find(contested_) || !honest_spend_pending(w)) return;
        congest_.emplace(p_.adversary.congest, congest_setup_, *end);
        congest_->on_start(w);
    }

    bool honest_spend_pending(const bitcoin::World& w) const {
        const bitcoin::TxId own = thief_ ? thief_->sweep_id() : 0;
        for (const auto& [id, e] : w.mempool().entries())
            if (id != own)
                for (const auto& in : e.tx.inputs)
                    if (in.prevout == contested_) return true;
        return false;
    }

    template <class F>
    void visit(std::size_t i, F&& f) {
        switch (active_.at(i)) {
            case Slot::thief:
                f(*thief_);
                break;
            case Slot::tower:
                f(*tower_);
                break;
            case Slot::pinner:
                f(*pinner_);
                break;
            case Slot::holder:
                f(*holder_);
                break;
            case Slot::cycler:
                f(*cycler_);
                break;
            case Slot::censor:
                f(censor_adapter_);
                break;
            case Slot::opener:
                f(*opener_);
                break;
            case Slot::congest:
                break;
        }
    }

    /// The blocks in which only the honest spend can confirm, as the censor's fork orders need
    /// them (adversary/censor.hpp). htlc: the timeout claims are valid from expiry + 1
    /// (after(expiry), nLockTime) and count until the upstream deadline, both known now.
    /// revoked_state: justice can confirm from h_c + 1 and the thief's older(to_self_delay) sweep
    /// from h_c + d, so the window is tips h_c .. h_c + d - 1; h_c (the revoked commitment's
    /// height) is known only when it confirms, so the window is first placed beyond any horizon
    /// (same length, so that `strongest` can choose) and opened by open_censor_window_if_due.
    adversary::CensorWindow initial_censor_window(bool revoked_state,
                                                  bitcoin::Height expiry) const {
        if (!revoked_state) return {expiry, deadline_};
        const bitcoin::Height far = std::numeric_limits<bitcoin::Height>::max() / 2;
        return {far, far + preset_.to_self_delay_blocks - 1};
    }

    void open_censor_window_if_due(bitcoin::World& w) {
        if (!thief_ || censor_window_open_) return;
        const auto h_c = w.confirmed_at(contested_.tx);
        if (!h_c) return;
        censor_window_open_ = true;
        censor_->open_window({*h_c, *h_c + preset_.to_self_delay_blocks - 1}, w);
    }

    struct CensorAdapter {
        LightningAgents* self;
        double latency_s(const bitcoin::World&) const { return 0.0; }
        void on_start(bitcoin::World& w) { self->censor_->on_start(w); }
        void on_block(bitcoin::Height h, bitcoin::World& w) {
            self->open_censor_window_if_due(w);
            self->censor_->on_block(h, w);
        }
    };
    bool censor_window_open_ = false;
    static constexpr bitcoin::Height resolution_depth_blocks = 6;
    mutable std::optional<bitcoin::Height> decided_at_;
    bitcoin::Height start_ = 0;
    std::vector<bool> started_;
    CensorAdapter censor_adapter_{this};
    std::vector<Slot> active_;
    bitcoin::World* world_ = nullptr;
};

double nan_or(std::optional<bitcoin::Height> h) {
    return h ? static_cast<double>(*h) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<sim::Column> LightningWorldModel::outcome_columns(const Params&) {
    using sim::ColumnType;
    std::vector<sim::Column> cols{
        {"attack_success", ColumnType::u8, "1",
         "1 if the adversary's theft stood: its sweep confirmed, or HTLCs were lost"},
        {"value_at_risk_sat", ColumnType::f64, "sat", "value the adversary could take"},
        {"value_stolen_sat", ColumnType::f64, "sat", "value the adversary took"},
        {"decided_height", ColumnType::f64, "blocks",
         "height of the block that decided the dispute (NaN: never)"},
        {"window_blocks", ColumnType::f64, "blocks",
         "blocks the honest side had (to_self_delay, or HTLC expiry to deadline)"},
        {"victim_fees_sat", ColumnType::f64, "sat",
         "fees of the victim's (or its tower's) transactions that confirmed"},
        {"attacker_fees_sat", ColumnType::f64, "sat",
         "fees of the adversary's transactions that confirmed (commitment, sweep, pin, cycles, "
         "filler)"},
        {"bribe_paid_sat", ColumnType::f64, "sat",
         "fee of the thief's bribing sweep, if it confirmed"},
        {"filler_fees_sat", ColumnType::f64, "sat",
         "fees of the adversary's congestion filler that confirmed"},
        {"attacker_vbytes", ColumnType::f64, "vB",
         "vbytes of the adversary's transactions that confirmed"},
        {"replacement_cycles", ColumnType::f64, "cycles",
         "times the adversary cycled a victim's claim out"},
        {"preimage_learned", ColumnType::u8, "1",
         "1 if the victim learned the preimage by its deadline"},
        {"htlcs_claimed", ColumnType::f64, "HTLCs",
         "victim's timeout claims confirmed by the deadline"},
        {"htlcs_lost", ColumnType::f64, "HTLCs",
         "HTLCs neither claimed nor settled by the deadline"},
        {"pin_child_vbytes", ColumnType::f64, "vB",
         "size of the pinning child the mempool accepted (0: none)"},
        {"censor_hash_share", ColumnType::f64, "1",
         "hash share of the pools the adversary controlled"},
        // What the analysis prices (analysis/l2sim_analysis/lightning.py): the censoring pools
        // are held from the world's start until the run ends (the dispute resolved 6 deep), the
        // eclipse from the start until it ends or the run does.
        {"censor_hash_share_s", ColumnType::f64, "s",
         "hash share x seconds the adversary held its censoring pools"},
        {"eclipse_s", ColumnType::f64, "s", "seconds the adversary held the victim eclipsed"},
        {"orphaned_blocks", ColumnType::u64, "blocks",
         "blocks found that the final chain does not hold (censor.strategy feather_fork or "
         "private_race)"},
        {"max_reorg_depth", ColumnType::u64, "blocks",
         "deepest reorganisation of the chain (blocks disconnected at once)"},
        // The channels the adversary opened to route its HTLCs into the victim
        // (adversary.funding_fee_rate_sat_vb; channel_opener.hpp): their funding transactions as
        // they confirmed, and the capital they locked, priced at its opportunity cost.
        {"adversary_channels_opened", ColumnType::f64, "channels",
         "funding transactions of the adversary's channels that confirmed"},
        {"adversary_funding_vbytes", ColumnType::f64, "vB",
         "vbytes of the adversary's funding transactions that confirmed"},
        {"adversary_funding_fees_sat", ColumnType::f64, "sat",
         "fees of the adversary's funding transactions that confirmed"},
        {"adversary_capital_btc_s", ColumnType::f64, "BTC s",
         "BTC x seconds of capital in the adversary's channels, from each funding's broadcast to the "
         "run's end"},
        {"adversary_htlcs_routed_sat", ColumnType::f64, "sat",
         "value of the HTLCs the adversary routed into the victim (htlc disputes)"},
    };
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput LightningWorldModel::run(const Params& p, const sim::RunInput& in) {
    const ImplementationPreset preset = resolved_preset(p.channel);
    const sim::StreamFactory streams(in.master_seed, in.stream_run);
    bitcoin::World world(p.world, streams);
    LightningAgents agents(p, preset, world, streams);
    world.run(agents);

    double success = 0, at_risk = 0, stolen = 0, victim_fees = 0, attacker_fees = 0, bribe = 0,
           vbytes = 0;
    double claimed = 0, lost = 0;
    std::optional<bitcoin::Height> decided;
    if (agents.thief_) {
        const Channel& ch = agents.channels_.front();
        at_risk =
            static_cast<double>(ch.commitment(false).outputs[ch.m_layout.to_local].value.value);
        const auto sweep = world.confirmed_at(agents.thief_->sweep_id());
        success = sweep ? 1.0 : 0.0;
        stolen = success * at_risk;
        decided = sweep ? sweep : agents.tower_->justice_height(world);
        victim_fees = static_cast<double>(agents.tower_->ledger().fees_confirmed(world).value);
        attacker_fees = static_cast<double>(agents.thief_->ledger().fees_confirmed(world).value);
        vbytes = static_cast<double>(agents.thief_->ledger().vbytes_confirmed(world));
        if (sweep && p.adversary.thief.bribe_btc > 0.0)
            bribe = static_cast<double>(agents.thief_->sweep_fee().value);
    } else {
        const HtlcHolder& h = *agents.holder_;
        double total = 0;
        for (const Channel& ch : agents.channels_) total += static_cast<double>(ch.spec.htlcs);
        at_risk = total * static_cast<double>(bitcoin::from_btc(p.channel.htlc_value_btc).value);
        claimed = static_cast<double>(h.htlcs_claimed(world));
        lost = h.preimage_learned() ? 0.0 : total - claimed;
        success = lost > 0 ? 1.0 : 0.0;
        stolen = lost * static_cast<double>(bitcoin::from_btc(p.channel.htlc_value_btc).value);
        decided = success > 0
                      ? std::optional<bitcoin::Height>(h.deadline())
                      : (h.preimage_learned() ? h.learned_height() : h.last_claim_height(world));
        victim_fees = static_cast<double>(h.ledger().fees_confirmed(world).value);
        if (agents.pinner_) {
            attacker_fees += static_cast<double>(agents.pinner_->fees_confirmed(world).value);
            vbytes += static_cast<double>(agents.pinner_->vbytes_confirmed(world));
        }
        if (agents.cycler_) {
            attacker_fees += static_cast<double>(agents.cycler_->fees_confirmed(world).value);
            vbytes += static_cast<double>(agents.cycler_->vbytes_confirmed(world));
        }
    }
    const double filler =
        agents.congest_ ? static_cast<double>(agents.congest_->fees_confirmed(world).value) : 0.0;
    attacker_fees += filler;
    if (agents.congest_) vbytes += static_cast<double>(agents.congest_->vbytes_confirmed(world));
    const double window =
        agents.thief_ ? preset.to_self_delay_blocks : preset.cltv_expiry_delta_blocks;
    std::vector<double> out{
        success,
        at_risk,
        stolen,
        nan_or(decided),
        window,
        victim_fees,
        attacker_fees,
        bribe,
        filler,
        vbytes,
        agents.cycler_ ? static_cast<double>(agents.cycler_->cycles()) : 0.0,
        agents.holder_ && agents.holder_->preimage_learned() ? 1.0 : 0.0,
        claimed,
        lost,
        agents.pinner_ ? static_cast<double>(agents.pinner_->child_vbytes_accepted()) : 0.0,
        agents.censor_ ? agents.censor_->controlled_share() : 0.0,
        agents.censor_ ? agents.censor_->controlled_share() * world.now_s() : 0.0,
        p.adversary.dilation.dilation_s_per_block > 0.0
            ? std::min(p.adversary.dilation.eclipse_hours * 3600.0, world.now_s())
            : 0.0,
        static_cast<double>(world.orphaned_blocks()),
        static_cast<double>(world.max_reorg_depth()),
        agents.opener_ ? static_cast<double>(agents.opener_->channels_opened(world)) : 0.0,
        agents.opener_ ? static_cast<double>(agents.opener_->ledger().vbytes_confirmed(world)) : 0.0,
        agents.opener_ ? static_cast<double>(agents.opener_->ledger().fees_confirmed(world).value)
                       : 0.0,
        agents.opener_ ? agents.opener_->capital_btc_s(world.now_s()) : 0.0,
        agents.holder_ ? at_risk : 0.0,
    };
    world.stats().append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> LightningWorldModel::check(const Params& p) {
    if (auto broken = bitcoin::demand_rule_violation(p.world.demand)) return broken;
    const ImplementationPreset preset = resolved_preset(p.channel);
    const std::int64_t needed =
        p.channel.dispute_start_blocks +
        (revoked(p) ? preset.to_self_delay_blocks + 6
                    : preset.broadcast_delta_blocks + preset.cltv_expiry_delta_blocks + 2);
    if (p.world.horizon_blocks < needed)
        return std::pair{"world.horizon_blocks",
                         "must cover the dispute window: at least " + std::to_string(needed)};
    if (revoked(p) && p.adversary.funding_fee_rate_sat_vb > 0.0)
        return std::pair{"adversary.funding_fee_rate_sat_vb",
                         "the adversary opens channels to route HTLCs: needs channel.contested = "
                         "\"htlc\""};
    if (!revoked(p) && p.channel.htlcs_per_channel < 1)
        return std::pair{"channel.htlcs_per_channel", "an HTLC dispute needs at least one HTLC"};
    const double htlcs =
        static_cast<double>(p.channel.htlcs_per_channel) * p.channel.htlc_value_btc;
    if (!revoked(p) && htlcs >= 0.95 * p.channel.capacity_btc)
        return std::pair{"channel.htlc_value_btc", "the HTLCs must fit in the channel's capacity"};
    return std::nullopt;
}

}  // namespace models::layer2::lightning
