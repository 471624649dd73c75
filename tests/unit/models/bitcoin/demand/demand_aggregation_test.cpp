// Aggregated background demand (world.demand.chunk_vbytes): fewer, larger chunks carry the same
// volume and fee-rate law.
#include <catch2/catch.hpp>

#include "models/bitcoin/demand/background_demand.hpp"
#include "models/bitcoin/demand/demand_presets.hpp"
#include <cmath>

#include "sim/random/rng_stream.hpp"

using namespace models::bitcoin;

namespace {

DemandParams quiet(std::int64_t chunk_vbytes) {
    DemandParams p;
    p.preset = "quiet_2025";
    p.chunk_vbytes = chunk_vbytes;
    return p;
}

}  // namespace

TEST_CASE("aggregation keeps the preset's volume and widens only the size range", "[unit][demand]") {
    const DemandParams plain = with_preset(quiet(0)), chunked = with_preset(quiet(100'000));
    CHECK(plain.tx_vbytes == 600);
    CHECK(chunked.tx_vbytes == 100'000);
    CHECK(chunked.min_tx_vbytes == plain.min_tx_vbytes);
    CHECK(chunked.arrival_vb_per_s == plain.arrival_vb_per_s);
    CHECK(chunked.fee_rate_median_sat_vb == plain.fee_rate_median_sat_vb);
    CHECK(chunked.wallet_floor_sat_vb == plain.wallet_floor_sat_vb);
}

TEST_CASE("aggregated demand arrives at the same vbytes per second in fewer chunks", "[unit][demand]") {
    // Not circular: the test sums the sizes BackgroundDemand drew and the gaps it drew, and
    // compares the ratio with the preset's vB/s; a chunk law that forgot to rescale its arrival
    // rate to the wider size range would miss by the ratio of the mean sizes (~170x).
    // Tolerance: over n = 20,000 chunks the ratio (sum of sizes) / (sum of gaps) has relative sd
    // sqrt((CV_size^2 + CV_gap^2) / n) = sqrt(E[s^2] / E[s]^2 / n); for log-uniform sizes on
    // [110, 100,000] vB, E[s^2] / E[s]^2 = 3.41, so the sd is 0.0131 and z = 3.5 gives 4.6%
    // (checked at 5%). The chunk count per second has relative sd 1 / sqrt(n) = 0.0071 (the time
    // of n exponential gaps), and z = 3.5 gives 2.5%.
    const sim::StreamFactory streams(7, 0);
    BackgroundDemand demand(quiet(100'000), streams.make(sim::StreamKey{0, 0}));
    double t = 0.0, vbytes = 0.0;
    int chunks = 0;
    while (chunks < 20'000) {
        t += demand.next_gap_s();
        const Transaction tx = demand.arrival(t, static_cast<TxId>(chunks + 1));
        vbytes += static_cast<double>(tx.weight.vbytes());
        CHECK(tx.weight.vbytes() <= 100'000);
        ++chunks;
    }
    const double target = demand.params().arrival_vb_per_s;
    CHECK(vbytes / t == Approx(target).epsilon(0.05));
    // ~43 chunks per 600 s block instead of ~2,200 transactions: the rate is the volume over the
    // mean of the log-uniform law, (b - a) / ln(b / a).
    const double mean_vb = (100'000.0 - 110.0) / std::log(100'000.0 / 110.0);
    CHECK(chunks / t * 600.0 == Approx(600.0 * target / mean_vb).epsilon(0.025));
    CHECK(600.0 * target / mean_vb == Approx(43.0).epsilon(0.05));
}

TEST_CASE("a chunk smaller than the smallest transaction is refused by key", "[unit][demand]") {
    CHECK_FALSE(demand_rule_violation(quiet(100'000)).has_value());
    const auto broken = demand_rule_violation(quiet(100));
    REQUIRE(broken.has_value());
    CHECK(broken->first == "world.demand.chunk_vbytes");
}
