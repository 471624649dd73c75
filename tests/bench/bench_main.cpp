// `make bench`: PHOLD committed events per second at the three sizes of the engine acceptance,
// single thread, median of repeated trials; then replication scaling on 1 and 2 threads.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "models/phold/phold_model.hpp"

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

int main() {
    fmt::print("PHOLD, single thread, median of 5 trials (committed events per second)\n");
    struct Size { std::int64_t lps, per_lp; double events; };
    for (const Size s : {Size{1000, 1, 2e7}, Size{1000, 16, 2e7}, Size{100000, 1, 1e7}, Size{100000, 16, 2e7},
                         Size{1000000, 1, 2e7}, Size{1000000, 16, 3e7}})
        fmt::print("  LPs {:>8}  events/LP {:>2}  {:>6.2f} M events/s\n", s.lps, s.per_lp,
                   phold_rate(s.lps, s.per_lp, s.events, 5) / 1e6);
    return 0;
}
