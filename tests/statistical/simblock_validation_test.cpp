// The SimBlock preset (scenarios/bench/simblock_bitcoin.toml, relay_model = "simblock") against
// SimBlock itself at 10,000 nodes and 100 blocks, in `make validate`.
//
// Reference: medians over blocks of the time a block takes to reach 50% / 90% / 100% of nodes,
// 1.08 / 2.12 / 5.51 s, are SimBlock's own output (dsg-titech/simblock master 5fc7f9f, its default
// Bitcoin network: shared/data/simblock-bitcoin-network.toml, NUM_OF_NODES = 10000,
// END_BLOCK_HEIGHT = 100), as measured for l2sim issue 11. SimBlock built and run on this
// project's machine (Java 17) gave 1.144 / 2.226 / 5.713 s with its seed 10 and 1.035 / 2.106 /
// 5.601 s with seed 11: one SimBlock run is one draw of a topology and 100 finders, and its 50%
// median moves by about 10% from one seed to the next.
//
// Why this can disagree: SimBlock is a different program (Java, its own random numbers and event
// order); l2sim reaches the percentiles through its own topology draw, event loop and message
// rules (network_model.cpp), and nothing in l2sim is fitted to these numbers. The pipelined relay
// model, the same network with l2sim's former link timing, lies far outside the band and is
// rejected by the same check below.
//
// Tolerance: 10% of each reference value, the acceptance of issue 11. It is not a sampling
// interval: the reference is a single SimBlock run whose own sampling error is not known from its
// output (l2sim's run-to-run standard deviation of the 50% median is about 10%, of the 90% and
// 100% medians 3-5%). l2sim's side is the mean of `runs` independent replications; its z = 3.29
// half-width is printed and must be narrower than the band, or the check would have no power.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

#include "replications.hpp"

using l2sim_test::column;
using l2sim_test::replicate;
using l2sim_test::z_999;
using models::bitcoin::BitcoinParams;

namespace {

struct Percentile {
    const char* label;
    const char* median_column;
    const char* mean_column;
    double simblock_s;
};
constexpr Percentile percentiles[] = {
    {"50%", "propagation_p50_median_s", "propagation_p50_s", 1.08},
    {"90%", "propagation_p90_median_s", "propagation_p90_s", 2.12},
    {"100%", "propagation_p100_median_s", "propagation_p100_s", 5.51}};
constexpr double band = 0.10;

BitcoinParams simblock_preset(const char* relay_model) {
    BitcoinParams p;  // the defaults are the preset's values; the scenario file only restates them
    p.network.enabled = true;
    p.network.nodes = 10000;
    p.network.topology = "simblock";
    p.network.latency_table = "2019";
    p.network.relay_model = relay_model;
    p.run.blocks = 100;
    return p;
}

struct Estimate {
    double mean, half_width;
};

Estimate estimate(const std::vector<std::vector<double>>& rows, std::size_t c) {
    double s = 0, ss = 0;
    for (const auto& r : rows) s += r[c];
    const double n = static_cast<double>(rows.size()), m = s / n;
    for (const auto& r : rows) ss += (r[c] - m) * (r[c] - m);
    return {m, z_999 * std::sqrt(ss / (n - 1) / n)};
}

/// Prints the three percentiles of `runs` replications; returns how many lie within the band.
int within_band(const char* relay_model, int runs, bool check_power) {
    const auto p = simblock_preset(relay_model);
    const auto rows = replicate(p, runs, 20190101);
    int inside = 0;
    std::printf("relay_model = %s, %d runs of 10,000 nodes x 100 blocks\n", relay_model, runs);
    std::printf("%-6s %-10s %-22s %-9s %-22s\n", "nodes", "SimBlock", "l2sim median +- z", "ratio",
                "l2sim mean +- z");
    for (const auto& pc : percentiles) {
        const auto med = estimate(rows, column(p, pc.median_column));
        const auto avg = estimate(rows, column(p, pc.mean_column));
        const double ratio = med.mean / pc.simblock_s;
        std::printf("%-6s %-10.2f %6.3f +- %-12.3f %-9.3f %6.3f +- %-12.3f\n", pc.label,
                    pc.simblock_s, med.mean, med.half_width, ratio, avg.mean, avg.half_width);
        if (std::abs(ratio - 1.0) <= band) ++inside;
        if (check_power) CHECK(med.half_width < band * pc.simblock_s);
    }
    return inside;
}

}  // namespace

TEST_CASE("simblock preset: 50/90/100% propagation within 10% of SimBlock at 10,000 nodes",
          "[.statistical]") {
    CHECK(within_band("simblock", 16, true) == 3);
}

TEST_CASE("simblock preset: the pipelined relay model is rejected by the same check",
          "[.statistical]") {
    CHECK(within_band("pipelined", 4, false) == 0);
}
