// The standard PHOLD: its event count against renewal theory, and l2sim's engine against the
// bench's hand-written reference heap (same draws, so the same events in the same order).
#include <catch2/catch.hpp>
#include <cmath>

#include "models/phold/phold_model.hpp"
#include "tests/bench/reference_phold.hpp"

namespace {

models::phold::PholdParams small_phold() {
    models::phold::PholdParams p;
    p.lps = 250;
    p.events_per_lp = 4;
    p.end_time_s = 200.0;
    return p;
}

sim::RunInput input(std::uint64_t seed) {
    sim::RunInput in;
    in.master_seed = seed;
    in.stream_run = 0;
    return in;
}

}  // namespace

TEST_CASE("phold: committed events match renewal theory for lookahead + Exp(mean) delays",
          "[unit]") {
    // Independent of the engine's code path: each of the N*K tokens is an ordinary renewal process
    // whose gaps are lookahead + Exp(mean) (mu = 2 s, sigma^2 = 1 s^2), whatever LPs it visits, so
    // E[count by T] = N*K*(T/mu + (sigma^2 - mu^2)/(2 mu^2)) and Var = N*K*sigma^2*T/mu^3
    // (Cox, Renewal Theory, 1962, ch. 4). A queue that lost, duplicated or reordered events across
    // the horizon would move the count. z = 3.29 on the run's own count.
    const auto p = small_phold();
    const double tokens = static_cast<double>(p.lps * p.events_per_lp);
    const double mu = p.lookahead_s + p.mean_delay_s, var = p.mean_delay_s * p.mean_delay_s;
    const double expected = tokens * (p.end_time_s / mu + (var - mu * mu) / (2 * mu * mu));
    const double sd = std::sqrt(tokens * var * p.end_time_s / (mu * mu * mu));
    const auto committed = static_cast<double>(models::phold::PholdModel::simulate(p, input(9)));
    CHECK(std::abs(committed - expected) < 3.29 * sd);
}

TEST_CASE("phold: l2sim's engine and the reference heap run the same events in the same order",
          "[unit]") {
    // The reference heap orders by (time, insertion) as the engine does with one priority; equal
    // LP-state digests (counts and last times of every LP) mean equal event sequences.
    const auto p = small_phold();
    models::phold::PholdBench engine(p, input(3), models::phold::PholdVariant::standard);
    bench::ReferencePhold reference(p, input(3));
    const auto a = engine.run();
    const auto b = reference.run();
    CHECK(a.committed == b.committed);
    CHECK(a.digest == b.digest);
    CHECK(a.committed > 0);
}
