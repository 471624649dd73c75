// See dispute_model.hpp.
#include "models/layer2/dispute/dispute_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace models::layer2 {

namespace {

/// The tips between which only the honest claim can confirm: its older(d) is met from height
/// max(d, 1) on (the output confirmed at 0, the first block is 1), the adversary's older(window)
/// at height `window`.
adversary::CensorWindow censor_window(const DisputeParams& d) {
    const auto first = static_cast<bitcoin::Height>(std::max<std::int64_t>(d.claim_delay_blocks, 1) - 1);
    return {first, static_cast<bitcoin::Height>(d.window_blocks - 1)};
}

/// The agents of one dispute, addressed by index in the order the world shows them blocks.
class DisputeAgents {
    enum class Slot { claimant, sweep, censor, congest };

public:
    DisputeAgents(const DisputeModel::Params& p, const DisputeSetup& d)
        : claimant(p.claimant, d, static_cast<std::uint32_t>(p.dispute.claim_delay_blocks)),
          sweep(p.adversary.sweep, d, static_cast<std::uint32_t>(p.dispute.window_blocks)),
          censor(p.adversary.censor, d, censor_window(p.dispute)),
          congest(p.adversary.congest, d, static_cast<std::uint32_t>(p.dispute.window_blocks)),
          contested_(d.contested) {
        // Primitives with no budget take no part (and are not counted as agents).
        if (p.adversary.censor.hash_share > 0.0) active_.push_back(Slot::censor);
        if (p.adversary.congest.fee_rate_sat_vb > 0.0) active_.push_back(Slot::congest);
    }

    std::size_t size() const { return active_.size(); }
    double latency_s(std::size_t i) {
        double s = 0.0;
        visit(i, [&](auto& a) { s = a.latency_s(); });
        return s;
    }
    /// One agent at a time, so that with propagation its broadcast leaves from its own node.
    void on_start(std::size_t i, bitcoin::World& w) { visit(i, [&](auto& a) { a.on_start(w); }); }
    void on_block(std::size_t i, bitcoin::Height h, bitcoin::World& w) { visit(i, [&](auto& a) { a.on_block(h, w); }); }
    void on_wake(std::size_t i, std::uint32_t tag, bitcoin::World& w) {
        visit(i, [&](auto& a) {
            if constexpr (requires { a.on_wake(tag, w); }) a.on_wake(tag, w);
        });
    }
    /// Decided once the contested output is spent, by either side.
    bool done(const bitcoin::World& w) const { return w.coins().find(contested_) == nullptr; }

    Claimant claimant;
    adversary::TimelockedSweep sweep;
    adversary::Censor censor;
    adversary::Congest congest;

private:
    template <class F>
    void visit(std::size_t i, F&& f);

private:


    bitcoin::Outpoint contested_;
    std::vector<Slot> active_{Slot::claimant, Slot::sweep};
};

template <class F>
void DisputeAgents::visit(std::size_t i, F&& f) {
    switch (active_.at(i)) {
        case Slot::claimant: f(claimant); break;
        case Slot::sweep: f(sweep); break;
        case Slot::censor: f(censor); break;
        case Slot::congest: f(congest); break;
    }
}

double height_or_nan(std::optional<bitcoin::Height> h) {
    return h ? static_cast<double>(*h) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<sim::Column> DisputeModel::outcome_columns(const Params&) {
    using sim::ColumnType;
    std::vector<sim::Column> cols{
        {"attack_success", ColumnType::u8, "1", "1 if the adversary's own spend confirmed"},
        {"claim_confirmed", ColumnType::u8, "1", "1 if the honest claim confirmed"},
        {"claim_confirm_height", ColumnType::f64, "blocks", "height of the block that confirmed the claim (NaN: never)"},
        {"sweep_confirm_height", ColumnType::f64, "blocks", "height of the block that confirmed the adversary's spend"},
        {"claim_fee_sat", ColumnType::f64, "sat", "fee of the honest claim that confirmed"},
        {"claim_replacements", ColumnType::i64, "txs", "times the honest party replaced its claim"},
        {"sweep_fee_sat", ColumnType::f64, "sat", "fee of the adversary's spend if it confirmed (the bribe paid)"},
        {"congestion_fees_sat", ColumnType::f64, "sat", "fees of the adversary's filler that confirmed"},
        {"congestion_vbytes", ColumnType::f64, "vB", "vbytes of the adversary's filler that confirmed"},
        {"censor_hash_share", ColumnType::f64, "1", "hash share of the pools the adversary controlled"},
        {"decided_after_s", ColumnType::f64, "s", "time until the contested output was spent (NaN: never)"},
        {"orphaned_blocks", ColumnType::u64, "blocks", "blocks found that the final chain does not hold (forks)"},
        {"max_reorg_depth", ColumnType::u64, "blocks", "deepest reorganisation of the chain (blocks disconnected)"},
    };
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput DisputeModel::run(const Params& p, const sim::RunInput& in) {
    bitcoin::World world(p.world, sim::StreamFactory(in.master_seed, in.stream_run));
    const DisputeSetup setup = make_dispute(bitcoin::Outpoint{world.next_txid(), 0}, bitcoin::from_btc(p.dispute.value_btc),
                                            static_cast<std::uint32_t>(p.dispute.claim_delay_blocks),
                                            static_cast<std::uint32_t>(p.dispute.window_blocks));
    world.add_coin(setup.contested, setup.contested_output, 0);
    DisputeAgents agents(p, setup);
    world.run(agents);

    const auto claim = agents.claimant.confirmed(world);
    const auto sweep_height = world.confirmed_at(agents.sweep.txid());
    const auto claim_height = claim ? world.confirmed_at(*claim) : std::nullopt;
    double decided_s = std::numeric_limits<double>::quiet_NaN();
    for (const auto& b : world.blocks())
        if ((claim_height && b.height == *claim_height) || (sweep_height && b.height == *sweep_height)) decided_s = b.time_s;
    std::vector<double> out{
        sweep_height ? 1.0 : 0.0,
        claim ? 1.0 : 0.0,
        height_or_nan(claim_height),
        height_or_nan(sweep_height),
        claim ? static_cast<double>(agents.claimant.fee_of(*claim).value) : 0.0,
        static_cast<double>(agents.claimant.replacements()),
        sweep_height ? static_cast<double>(agents.sweep.fee().value) : 0.0,
        static_cast<double>(agents.congest.fees_confirmed(world).value),
        static_cast<double>(agents.congest.vbytes_confirmed(world)),
        agents.censor.controlled_share(),
        decided_s,
        static_cast<double>(world.orphaned_blocks()),
        static_cast<double>(world.max_reorg_depth()),
    };
    world.stats().append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> DisputeModel::check(const Params& p) {
    if (auto broken = bitcoin::demand_rule_violation(p.world.demand)) return broken;
    if (p.dispute.claim_delay_blocks >= p.dispute.window_blocks)
        return std::pair{"dispute.claim_delay_blocks", "the honest claim must become valid before the adversary's path opens"};
    return std::nullopt;
}

}  // namespace models::layer2
