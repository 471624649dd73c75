// PHOLD on the engine's event queue: the payload is empty, the target LP is the event's entity.
#include "models/phold/phold_model.hpp"

#include "sim/core/simulation.hpp"
#include "sim/random/distributions.hpp"

namespace models::phold {

namespace {

struct Hop {};  // PHOLD events carry nothing but their target
enum class Purpose : std::uint32_t { traffic = 1 };

}  // namespace

std::uint64_t PholdModel::simulate(const PholdParams& p, const sim::RunInput& in, std::vector<double>* log) {
    sim::Simulation<Hop> simulation(sim::StreamFactory(in.master_seed, in.stream_run));
    sim::RngStream rng = simulation.stream({0, static_cast<std::uint32_t>(Purpose::traffic)});
    const auto lps = static_cast<std::uint64_t>(p.lps);
    const sim::Tick lookahead = sim::from_seconds(p.lookahead_s);
    const double mean_us = p.mean_delay_s * sim::ticks_per_second;
    simulation.queue().reserve(lps * static_cast<std::uint64_t>(p.events_per_lp) + 1);
    for (std::uint64_t lp = 0; lp < lps; ++lp)
        for (std::int64_t k = 0; k < p.events_per_lp; ++k)
            simulation.schedule_at(static_cast<sim::Tick>(sim::random::exponential_mean(rng, mean_us)),
                                   sim::EntityId{static_cast<std::uint32_t>(lp)}, Hop{});
    const bool all_remote = p.remote_fraction >= 1.0;
    const auto log_limit = static_cast<std::size_t>(p.log_events) * 2;
    return simulation.run_until(sim::from_seconds(p.end_time_s), [&](sim::EntityId target, Hop&) {
        if (log && log->size() < log_limit) {  // event log: (time, LP) rows
            log->push_back(simulation.now_seconds());
            log->push_back(target.value);
        }
        sim::EntityId next = target;
        if (all_remote || sim::random::bernoulli(rng, p.remote_fraction))
            next = sim::EntityId{static_cast<std::uint32_t>(sim::random::uniform_index(rng, lps))};
        const auto delay = lookahead + static_cast<sim::Tick>(sim::random::exponential_mean(rng, mean_us));
        simulation.schedule_in(delay, next, Hop{});
    });
}

std::vector<sim::Column> PholdModel::outcome_columns(const Params&) {
    return {{"events_committed", sim::ColumnType::i64, "events", "events committed before the horizon"},
            {"event_rate_per_s", sim::ColumnType::f64, "1/s", "committed events per simulated second"}};
}

std::vector<sim::Column> PholdModel::event_columns(const Params& p) {
    if (p.phold.log_events == 0) return {};
    return {{"time_s", sim::ColumnType::f64, "s", "simulated time of the event"},
            {"lp", sim::ColumnType::i64, "1", "logical process that handled it"}};
}

sim::RunOutput PholdModel::run(const Params& p, const sim::RunInput& in) {
    std::vector<double> log;
    const auto committed = simulate(p.phold, in, &log);
    return {{static_cast<double>(committed), static_cast<double>(committed) / p.phold.end_time_s}, std::move(log)};
}

}  // namespace models::phold
