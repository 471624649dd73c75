// The demand presets reproduce the published figures they were calibrated to
// (models/bitcoin/demand/demand_presets.cpp gives each source and date): confirmed transactions
// per day and the median fee rate of confirmed transactions, measured in the simulated world —
// arrivals through the mempool's relay floor, templates filled by fee rate up to the weight
// limit, blocks at Poisson times — not read back from the preset's numbers. (The count of the
// busy preset is met through full blocks, that of the quiet one through arrivals below capacity.)
// Each run gives one estimate of each target; the tolerance is z = 3.29 standard errors of the
// mean over the runs (their own sample size), on the log scale for the fee rate (its level
// moves as a log-AR(1), so runs differ by factors, not by amounts).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/bitcoin/demand/demand_presets.hpp"
#include "models/bitcoin/world/world.hpp"
#include "tests/statistical/replications.hpp"

namespace btc = models::bitcoin;

namespace {

struct NoAgents {
    std::size_t size() const { return 0; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(btc::World&) {}
    void on_block(std::size_t, btc::Height, btc::World&) {}
    void on_wake(std::size_t, std::uint32_t, btc::World&) {}
    bool done(const btc::World&) const { return false; }
};

struct RunEstimate {
    double txs_per_day = 0.0;
    double log_median_sat_vb = 0.0;
};

/// One run: blocks after the first `warm_up` (the mempool starts empty) give the transactions per
/// block (x 144 blocks a day at the 600 s target) and the median confirmed fee rate.
RunEstimate one_run(const std::string& preset, std::int64_t blocks, std::int64_t warm_up,
                    std::uint64_t run) {
    btc::WorldParams p;
    p.horizon_blocks = blocks;
    p.demand.preset = preset;
    btc::World world(p, sim::StreamFactory(2024, run));
    std::vector<double> rates;
    std::uint64_t counted = 0;
    world.observe_confirmed([&](const btc::Transaction& tx, btc::Height h) {
        if (h <= static_cast<btc::Height>(warm_up)) return;
        ++counted;
        rates.push_back(btc::rate_of(tx.fee, tx.weight).sat_vb);
    });
    NoAgents agents;
    world.run(agents);
    std::nth_element(rates.begin(), rates.begin() + static_cast<std::ptrdiff_t>(rates.size() / 2),
                     rates.end());
    const double per_block = static_cast<double>(counted) / static_cast<double>(blocks - warm_up);
    return {per_block * 86'400.0 / p.block_interval_s, std::log(rates[rates.size() / 2])};
}

void preset_reproduces(const std::string& preset, int runs, std::int64_t blocks,
                       std::int64_t warm_up) {
    std::vector<double> counts, logs;
    for (int r = 0; r < runs; ++r) {
        const auto e = one_run(preset, blocks, warm_up, static_cast<std::uint64_t>(r));
        counts.push_back(e.txs_per_day);
        logs.push_back(e.log_median_sat_vb);
    }
    const auto mean_sd = [](const std::vector<double>& v) {
        double m = 0.0, s = 0.0;
        for (double x : v) m += x;
        m /= static_cast<double>(v.size());
        for (double x : v) s += (x - m) * (x - m);
        return std::pair{m, std::sqrt(s / static_cast<double>(v.size() - 1))};
    };
    const auto target = btc::preset_targets(preset);
    const auto [count, count_sd] = mean_sd(counts);
    const auto [log_median, log_sd] = mean_sd(logs);
    const double n = static_cast<double>(runs);
    const double count_half = l2sim_test::z_999 * count_sd / std::sqrt(n);
    const double log_half = l2sim_test::z_999 * log_sd / std::sqrt(n);
    std::printf(
        "%s: %d runs x %lld blocks: tx/day %.0f +- %.0f (target %.0f); median confirmed %.3f "
        "sat/vB, "
        "log %.4f +- %.4f (target %.3f)\n",
        preset.c_str(), runs, static_cast<long long>(blocks), count, count_half, target.txs_per_day,
        std::exp(log_median), log_median, log_half, target.median_confirmed_sat_vb);
    CHECK(std::abs(count - target.txs_per_day) <= count_half);
    // A median pinned at the wallet floor has no spread: then it must equal the target exactly.
    if (log_sd == 0.0)
        CHECK(std::exp(log_median) == Approx(target.median_confirmed_sat_vb));
    else
        CHECK(std::abs(log_median - std::log(target.median_confirmed_sat_vb)) <= log_half);
}

}  // namespace

TEST_CASE("Demand presets reproduce their calibration targets (light)", "[stat-light][demand]") {
    preset_reproduces("quiet_2025", 8, 8, 1);
    preset_reproduces("busy_2024", 6, 8, 2);
}

TEST_CASE("Demand presets reproduce their calibration targets", "[.statistical][demand]") {
    preset_reproduces("quiet_2025", 30, 24, 1);
    preset_reproduces("busy_2024", 20, 24, 2);
}
