// `make bench`: the standard PHOLD side by side with a reference heap and ns-3 (phold_bench.cpp),
// the models' speed, then thread, shard and MPI scaling of a sweep (scaling_bench.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "models/bitcoin/bitcoin_model.hpp"
#include "tests/bench/bench_util.hpp"

namespace {

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
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

int main(int argc, char** argv) {
    // l2sim_bench [--quick] [--trials=N] [--scale=F] [phold|scaling|models ...]: all sections by default.
    bench::Options o;
    std::vector<std::string> only;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") o.quick = true;
        else if (arg.rfind("--trials=", 0) == 0) o.trials = std::stoi(arg.substr(9));
        else if (arg.rfind("--scale=", 0) == 0) o.scale = std::stod(arg.substr(8));
        else only.push_back(arg);
    }
    const auto wanted = [&](const char* s) { return only.empty() || std::find(only.begin(), only.end(), s) != only.end(); };
    fmt::print("l2sim bench, {}\n", bench::load_average());
    if (wanted("phold")) bench::bench_phold(o);
    if (wanted("models")) {
        bench_mining_race();
        bench_simblock();
    }
    if (wanted("scaling")) bench::bench_scaling(o);
    return 0;
}
