// Propagation inside the world (world.propagation): a claim that leaves its party's node late in
// its window misses its block more often than with one global mempool, an eclipsed claimant's
// transaction never reaches a pool, and the no-propagation path is untouched by the new keys.
// The outcomes come from the dispute model's agents acting in the world, not from formulas.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/layer2/dispute/dispute_model.hpp"
#include "tests/statistical/replications.hpp"

using models::layer2::DisputeModel;
using Params = DisputeModel::Params;

namespace {

/// A dispute whose claim is valid in exactly one block before the adversary's path opens: its
/// CSV is met from height 3, the adversary's from height 4. The claimant bids 10 sat/vB and
/// reacts at once; no background demand, so only timing decides. Blocks every 20 s on average,
/// so that relay delays of a second or two (a transaction floods over many parallel paths, so
/// it reaches a pool's node well before a single path's trickle) are a visible share of the
/// interval; the mechanism is the same at 600 s, only rarer.
Params late_claim() {
    Params p;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.block_interval_s = 20.0;
    p.world.horizon_blocks = 12;
    p.dispute.claim_delay_blocks = 3;
    p.dispute.window_blocks = 4;
    p.claimant.latency_s = 0.0;
    p.claimant.fee_rate_sat_vb = 10.0;
    return p;
}

Params relayed(Params p) {
    p.world.propagation.enabled = true;
    return p;
}

double column_mean(const Params& p, const std::vector<std::vector<double>>& rows,
                   const std::string& name) {
    const auto c = l2sim_test::column<DisputeModel>(p, name);
    double s = 0.0;
    for (const auto& r : rows) s += r[c];
    return s / static_cast<double>(rows.size());
}

}  // namespace

TEST_CASE("Propagation off: the new keys change nothing, run by run",
          "[unit][world][propagation]") {
    // The default path draws no relay stream and schedules no relay event, so every outcome of
    // every run is identical whatever the propagation keys say while enabled = false. (Against
    // the previous binary: claim_window.toml's HDF5 compared column by column, see
    // /work/notes/world-relay-closing.md.)
    Params base;
    base.world.horizon_blocks = 8;
    base.world.demand.arrival_vb_per_s = 2200.0;
    base.world.demand.fee_rate_median_sat_vb = 8.0;
    base.dispute.window_blocks = 6;
    base.adversary.censor.hash_share = 0.4;
    base.adversary.congest.fee_rate_sat_vb = 12.0;
    Params keys_set = base;
    keys_set.world.propagation.topology = "random_regular";
    keys_set.world.propagation.nodes = 7;
    keys_set.world.propagation.inv_interval_inbound_s = 50.0;
    keys_set.world.propagation.eclipse.agents = {0.0};
    const auto a = l2sim_test::replicate<DisputeModel>(base, 6, 41);
    const auto b = l2sim_test::replicate<DisputeModel>(keys_set, 6, 41);
    for (std::size_t r = 0; r < a.size(); ++r)
        for (std::size_t c = 0; c < a[r].size(); ++c)
            if (!(std::isnan(a[r][c]) && std::isnan(b[r][c]))) CHECK(a[r][c] == b[r][c]);
}

TEST_CASE("Propagation: a claim broadcast late in its window fails more often",
          "[unit][world][propagation]") {
    // Without propagation the claim enters the one mempool when block 2 is found and block 3
    // (found later, a continuous time) always holds it: it never fails. With propagation the
    // claimant first hears of block 2 over the network, then its claim trickles hop by hop
    // (Poisson inv timers, 2 s / 5 s means) to the pools' nodes; when block 3 is found first by
    // a pool that has not heard of it, the claim misses its only block and the adversary's
    // spend takes block 4. Same seeds on both sides.
    const int runs = 600;
    const Params off = late_claim(), on = relayed(late_claim());
    const double fail_off =
        1.0 -
        column_mean(off, l2sim_test::replicate<DisputeModel>(off, runs, 77), "claim_confirmed");
    const auto rows_on = l2sim_test::replicate<DisputeModel>(on, runs, 77);
    const double fail_on = 1.0 - column_mean(on, rows_on, "claim_confirmed");
    const double half = l2sim_test::z_999 * std::sqrt(fail_on * (1.0 - fail_on) / runs);
    std::printf("late claim fails: without propagation %.4f, with %.4f +- %.4f (%d runs)\n",
                fail_off, fail_on, half, runs);
    CHECK(fail_off == 0.0);
    CHECK(fail_on - half > fail_off);
    // The failures are the adversary's wins, and relay costs events: the lag is simulated.
    CHECK(column_mean(on, rows_on, "attack_success") == Approx(fail_on));
}

TEST_CASE("Propagation: an eclipsed claimant never gets its claim to a pool and loses",
          "[unit][world][propagation]") {
    // The claim is valid from block 1 and goes out at the start; the adversary's path opens at 4.
    Params p = relayed(late_claim());
    p.dispute.claim_delay_blocks = 1;
    const int runs = 100;
    const double won_open =
        column_mean(p, l2sim_test::replicate<DisputeModel>(p, runs, 91), "claim_confirmed");
    Params eclipsed = p;
    eclipsed.world.propagation.eclipse.agents = {0.0};  // the claimant's node
    const auto rows = l2sim_test::replicate<DisputeModel>(eclipsed, runs, 91);
    INFO("claim confirmed: open network " << won_open << ", eclipsed "
                                          << column_mean(eclipsed, rows, "claim_confirmed"));
    CHECK(won_open > 0.9);
    for (const auto& r : rows) {
        CHECK(r[l2sim_test::column<DisputeModel>(eclipsed, "claim_confirmed")] == 0.0);
        CHECK(r[l2sim_test::column<DisputeModel>(eclipsed, "attack_success")] == 1.0);
        // The claim was accepted at its own node (counted as broadcast), it just never left it.
        CHECK(r[l2sim_test::column<DisputeModel>(eclipsed, "txs_broadcast")] >= 2.0);
    }
    // Holding the victim's traffic for longer than the window is the same loss; a short hold is
    // not.
    Params held = eclipsed;
    held.world.propagation.eclipse.relay = "delay";
    held.world.propagation.eclipse.delay_s = 1.0;
    const double won_short =
        column_mean(held, l2sim_test::replicate<DisputeModel>(held, runs, 91), "claim_confirmed");
    held.world.propagation.eclipse.delay_s = 100'000.0;
    const double won_long =
        column_mean(held, l2sim_test::replicate<DisputeModel>(held, runs, 91), "claim_confirmed");
    std::printf(
        "claim confirmed: open %.3f, eclipsed (withhold) 0 of %d, delay 1 s %.3f, delay 100,000 s "
        "%.3f\n",
        won_open, runs, won_short, won_long);
    CHECK(won_short > 0.8);
    CHECK(won_long == 0.0);
}
