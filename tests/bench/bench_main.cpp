// `make bench`: PHOLD committed events per second at the three sizes of the engine acceptance,
// single thread, median of repeated trials; then replication scaling on 1 and 2 threads.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "models/bitcoin/bitcoin_model.hpp"
#include "models/phold/phold_model.hpp"
#include "sim/runner/plan.hpp"
#include "sim/runner/replication_runner.hpp"
#include "tests/bench/mempool_bench.hpp"
#include "tests/bench/world_bench.hpp"

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

void bench_simblock() {
    using models::bitcoin::BitcoinModel;
    models::bitcoin::BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = 10000;
    p.run.blocks = 100;
    std::vector<double> out;
    const double s = median_seconds(5, [&](int t) {
        sim::RunInput in;
        in.master_seed = 1;
        in.stream_run = static_cast<std::uint64_t>(t);
        out = BitcoinModel::run(p, in).outcomes;
    });
    const auto cols = BitcoinModel::outcome_columns(p);
    const auto at = [&](const char* name) {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].name == name) return out[i];
        return 0.0;
    };
    fmt::print("SimBlock preset, 10,000 nodes x 100 blocks, one core: {:.2f} s median "
               "(block reaches 50% / 90% / 100% of nodes after {:.2f} / {:.2f} / {:.2f} s)\n",
               s, at("propagation_p50_s"), at("propagation_p90_s"), at("propagation_p100_s"));
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

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "world") {  // just the world part: l2sim_bench world
        bench_world();
        return 0;
    }
    fmt::print("PHOLD, single thread, median of 5 trials (committed events per second)\n");
    struct Size { std::int64_t lps, per_lp; double events; };
    for (const Size s : {Size{1000, 1, 2e7}, Size{1000, 16, 2e7}, Size{100000, 1, 1e7}, Size{100000, 16, 2e7},
                         Size{1000000, 1, 2e7}, Size{1000000, 16, 3e7}})
        fmt::print("  LPs {:>8}  events/LP {:>2}  {:>6.2f} M events/s\n", s.lps, s.per_lp,
                   phold_rate(s.lps, s.per_lp, s.events, 5) / 1e6);
    bench_mining_race();
    bench_simblock();
    bench_replication_scaling();
    bench_mempool();
    bench_world();
    return 0;
}
