// `make bench`: PHOLD committed events per second at the three sizes of the engine acceptance,
// single thread, median of repeated trials; then replication scaling on 1 and 2 threads.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/bitcoin/bitcoin_model.hpp"
#include "models/phold/phold_model.hpp"
#include "sim/runner/plan.hpp"
#include "sim/runner/replication_runner.hpp"

namespace {

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

double phold_rate(std::int64_t lps, std::int64_t per_lp, double target_events, int trials) {
    models::phold::PholdParams p;
    p.lps = lps;
    p.events_per_lp = per_lp;
    p.end_time_s = target_events * (p.lookahead_s + p.mean_delay_s) / static_cast<double>(lps * per_lp);
    std::vector<double> rates;
    for (int t = 0; t < trials; ++t) {
        sim::RunInput in;
        in.master_seed = 1;
        in.stream_run = static_cast<std::uint64_t>(t);
        const auto t0 = std::chrono::steady_clock::now();
        const auto events = models::phold::PholdModel::simulate(p, in);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        rates.push_back(static_cast<double>(events) / s);
    }
    return median(rates);
}

}  // namespace

template <class F>
double median_seconds(int trials, F f) {
    std::vector<double> xs;
    for (int t = 0; t < trials; ++t) {
        const auto t0 = std::chrono::steady_clock::now();
        f(t);
        xs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return median(xs);
}

void bench_mining_race() {
    using models::bitcoin::BitcoinModel;
    models::bitcoin::BitcoinParams p;
    p.attacker.strategy = "selfish";  // a full race: private branch, ties, publication
    p.attacker.hash_share = 0.3;
    p.run.blocks = 2'000'000;
    const double s = median_seconds(5, [&](int t) {
        sim::RunInput in;
        in.master_seed = 3;
        in.stream_run = static_cast<std::uint64_t>(t);
        BitcoinModel::run(p, in);
    });
    fmt::print("Mining race (no network, selfish miner, 2e6 blocks), one core: {:.1f} M blocks/s\n",
               static_cast<double>(p.run.blocks) / s / 1e6);
}

// SimBlock itself (dsg-titech/simblock 5fc7f9f, Java 17, its default Bitcoin network) measured on
// this project's 2-core machine, user + system CPU seconds of one run
// (notes/simblock-network-closing.md):
// 10,000 nodes x 100 blocks 92.3 s (81.6 + 10.7), 300 nodes x 10,000 blocks 77.6 s (58.0 + 19.6).
// SimBlock writes a JSON trace of every message, which is part of its cost as shipped.
constexpr double simblock_cpu_s_10000x100 = 92.3;
constexpr double simblock_cpu_s_300x10000 = 77.6;

void bench_simblock_case(const char* relay_model, std::int64_t nodes, std::int64_t blocks,
                         double simblock_cpu_s) {
    using models::bitcoin::BitcoinModel;
    models::bitcoin::BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = nodes;
    p.network.relay_model = relay_model;
    p.run.blocks = blocks;
    std::vector<double> out, cpu;
    for (int t = 0; t < 3; ++t) {
        sim::RunInput in;
        in.master_seed = 1;
        in.stream_run = static_cast<std::uint64_t>(t);
        const std::clock_t c0 = std::clock();
        out = BitcoinModel::run(p, in).outcomes;
        cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    const auto cols = BitcoinModel::outcome_columns(p);
    const auto at = [&](const char* name) {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].name == name) return out[i];
        return 0.0;
    };
    const double s = median(cpu);
    fmt::print("SimBlock preset, relay {}, {} nodes x {} blocks: {:.2f} s CPU (median of 3), "
               "SimBlock {:.1f} s: {:.0f}x faster\n",
               relay_model, nodes, blocks, s, simblock_cpu_s, simblock_cpu_s / s);
    fmt::print("  block reaches 50% / 90% / 100% of nodes after (last run, over blocks) median "
               "{:.2f} / {:.2f} / {:.2f} s, mean {:.2f} / {:.2f} / {:.2f} s\n",
               at("propagation_p50_median_s"), at("propagation_p90_median_s"),
               at("propagation_p100_median_s"),
               at("propagation_p50_s"), at("propagation_p90_s"), at("propagation_p100_s"));
}

void bench_simblock() {
    fmt::print("SimBlock at 10,000 nodes: median over blocks 1.08 / 2.12 / 5.51 s (issue 11); "
               "measured here (seeds 10, 11) 1.14, 1.04 / 2.23, 2.11 / 5.71, 5.60 s\n");
    bench_simblock_case("simblock", 10000, 100, simblock_cpu_s_10000x100);
    bench_simblock_case("pipelined", 10000, 100, simblock_cpu_s_10000x100);
    fmt::print("SimBlock at 300 nodes x 10,000 blocks, measured here: median 0.85 / 1.94 / 3.57 s, "
               "mean 0.91 / 2.12 / 4.13 s\n");
    bench_simblock_case("simblock", 300, 10000, simblock_cpu_s_300x10000);
}

void bench_replication_scaling() {
    // A CPU-bound model through the real runner on 1 and 2 threads (writes a scratch HDF5 file).
    models::phold::PholdModel::Params base;
    base.phold.lps = 1000;
    base.phold.end_time_s = 2000.0;
    double seconds[2];
    for (int threads : {1, 2}) {
        seconds[threads - 1] = median_seconds(3, [&](int) {
            std::vector<double> sink(32);
            tbb::task_arena arena(threads);
            arena.execute([&] {
                tbb::parallel_for(0, 32, [&](int r) {
                    sim::RunInput in;
                    in.master_seed = 5;
                    in.stream_run = static_cast<std::uint64_t>(r);
                    sink[static_cast<std::size_t>(r)] = static_cast<double>(models::phold::PholdModel::simulate(base.phold, in));
                });
            });
        });
    }
    fmt::print("Replications (32 PHOLD runs): 1 thread {:.2f} s, 2 threads {:.2f} s, speed-up {:.2f}x\n",
               seconds[0], seconds[1], seconds[0] / seconds[1]);
}

int main() {
    fmt::print("PHOLD, single thread, median of 5 trials (committed events per second)\n");
    struct Size { std::int64_t lps, per_lp; double events; };
    for (const Size s : {Size{1000, 1, 2e7}, Size{1000, 16, 2e7}, Size{100000, 1, 1e7}, Size{100000, 16, 2e7},
                         Size{1000000, 1, 2e7}, Size{1000000, 16, 3e7}})
        fmt::print("  LPs {:>8}  events/LP {:>2}  {:>6.2f} M events/s\n", s.lps, s.per_lp,
                   phold_rate(s.lps, s.per_lp, s.events, 5) / 1e6);
    bench_mining_race();
    bench_simblock();
    bench_replication_scaling();
    return 0;
}
