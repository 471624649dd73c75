// PHOLD on the engine's event queue: the payload is empty, the target LP is the event's entity.
#include "models/phold/phold_model.hpp"

#include <stdexcept>

#include "models/run_stats.hpp"
#include "sim/core/simulation.hpp"
#include "sim/random/distributions.hpp"

namespace models::phold {

namespace {

struct Hop {};  // PHOLD events carry nothing but their target
enum class Purpose : std::uint32_t { traffic = 1 };

}  // namespace

struct PholdBench::Impl {
    Impl(const PholdParams& p, const sim::RunInput& in, PholdVariant v,
         std::vector<double>* event_log)
        : params(p),
          variant(v),
          simulation(sim::StreamFactory(in.master_seed, in.stream_run)),
          rng(simulation.stream({0, static_cast<std::uint32_t>(Purpose::traffic)})),
          lps(static_cast<std::uint64_t>(p.lps)),
          lookahead(sim::from_seconds(p.lookahead_s)),
          mean_us(p.mean_delay_s * sim::ticks_per_second),
          log(event_log) {
        if (variant == PholdVariant::standard) states.resize(lps);
        simulation.queue().reserve(lps * static_cast<std::uint64_t>(p.events_per_lp) + 1);
        // The reference definition starts every event after the lookahead too (ROSS phold's init).
        const sim::Tick start = variant == PholdVariant::standard ? lookahead : 0;
        for (std::uint64_t lp = 0; lp < lps; ++lp)
            for (std::int64_t k = 0; k < p.events_per_lp; ++k)
                simulation.schedule_at(start + delay(),
                                       sim::EntityId{static_cast<std::uint32_t>(lp)}, Hop{});
    }

    sim::Tick delay() {
        return static_cast<sim::Tick>(sim::random::exponential_mean(rng, mean_us));
    }

    sim::EntityId destination(sim::EntityId self) {
        if (params.remote_fraction >= 1.0 || sim::random::bernoulli(rng, params.remote_fraction))
            return sim::EntityId{static_cast<std::uint32_t>(sim::random::uniform_index(rng, lps))};
        return self;
    }

    PholdRun run() {
        const auto log_limit = static_cast<std::size_t>(params.log_events) * 2;
        const bool touch_state = variant == PholdVariant::standard;
        PholdRun out;
        out.committed = simulation.run_until(
            sim::from_seconds(params.end_time_s), [&](sim::EntityId target, Hop&) {
                if (log && log->size() < log_limit) {  // event log: (time, LP) rows
                    log->push_back(simulation.now_seconds());
                    log->push_back(target.value);
                }
                if (touch_state) {
                    LpState& s = states[target.value];
                    if (simulation.now() < s.last_event)
                        throw std::logic_error("PHOLD: an LP's event ran out of time order");
                    ++s.events;
                    s.last_event = simulation.now();
                }
                const sim::EntityId next =
                    destination(target);  // draws in a fixed order: destination, delay
                simulation.schedule_in(lookahead + delay(), next, Hop{});
            });
        if (touch_state) out.digest = lp_digest(states);
        return out;
    }

    PholdParams params;
    PholdVariant variant;
    sim::Simulation<Hop> simulation;
    sim::RngStream rng;
    std::uint64_t lps;
    sim::Tick lookahead;
    double mean_us;
    std::vector<double>* log;
    std::vector<LpState> states;
};

PholdBench::PholdBench(const PholdParams& p, const sim::RunInput& in, PholdVariant variant)
    : impl_(std::make_unique<Impl>(p, in, variant, nullptr)) {}
PholdBench::~PholdBench() = default;
PholdRun PholdBench::run() {
    return impl_->run();
}

std::uint64_t PholdModel::simulate(const PholdParams& p, const sim::RunInput& in,
                                   std::vector<double>* log) {
    PholdBench::Impl impl(p, in, PholdVariant::standard, log);
    return impl.run().committed;
}

std::vector<sim::Column> PholdModel::outcome_columns(const Params&) {
    std::vector<sim::Column> cols{
        {"events_committed", sim::ColumnType::i64, "events", "events committed before the horizon"},
        {"event_rate_per_s", sim::ColumnType::f64, "1/s", "committed events per simulated second"}};
    // PHOLD is the engine's benchmark: logical processes and hops, no Bitcoin.
    const auto stats = run_stats_columns({"engine events this run processed (the committed hops)",
                                          "logical processes (each an agent of the benchmark)",
                                          "0: PHOLD has no transactions", "0: PHOLD has no transactions",
                                          "0: PHOLD has no transactions", "0: PHOLD has no blocks"});
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

std::vector<sim::Column> PholdModel::event_columns(const Params& p) {
    if (p.phold.log_events == 0) return {};
    return {{"time_s", sim::ColumnType::f64, "s", "simulated time of the event"},
            {"lp", sim::ColumnType::i64, "1", "logical process that handled it"}};
}

sim::RunOutput PholdModel::run(const Params& p, const sim::RunInput& in) {
    std::vector<double> log;
    const auto committed = simulate(p.phold, in, &log);
    std::vector<double> out{static_cast<double>(committed), static_cast<double>(committed) / p.phold.end_time_s};
    RunStats stats;
    stats.events_processed = committed;
    stats.agents = static_cast<std::uint64_t>(p.phold.lps);
    stats.append_to(out);
    return {std::move(out), std::move(log)};
}

}  // namespace models::phold
