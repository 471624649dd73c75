// PHOLD (Fujimoto 1990), the standard benchmark of discrete-event engines: N logical processes,
// each event schedules one new event at a uniformly random LP after lookahead plus an
// exponential delay. It exercises the engine only, so it also serves as the engine's demo.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/model.hpp"
#include "sim/params/field.hpp"

namespace models::phold {

struct PholdParams {
    std::int64_t lps = 1000;
    std::int64_t events_per_lp = 1;
    double lookahead_s = 0.1;
    double mean_delay_s = 1.0;
    double remote_fraction = 1.0;
    double end_time_s = 1000.0;
    std::int64_t log_events = 0;

    template <class V>
    void describe(V& v) {
        v.field("lps", lps, "LPs", "number of logical processes", sim::at_least(1));
        v.field("events_per_lp", events_per_lp, "events", "initial events per LP (population)", sim::at_least(1));
        v.field("lookahead_s", lookahead_s, "s", "fixed part of every delay", sim::non_negative());
        v.field("mean_delay_s", mean_delay_s, "s", "mean of the exponential part of every delay", sim::positive());
        v.field("remote_fraction", remote_fraction, "1", "probability the next event goes to another LP",
                sim::in_range(0.0, 1.0));
        v.field("end_time_s", end_time_s, "s", "simulated horizon", sim::positive());
        v.field("log_events", log_events, "events", "log the first this-many events of each run to events/",
                sim::non_negative());
    }
};

struct PholdModel {
    struct Params {
        PholdParams phold;
        template <class V>
        void describe(V& v) {
            v.section("phold", phold);
        }
    };
    static constexpr const char* name = "phold";
    static constexpr const char* help = "PHOLD engine benchmark (Fujimoto 1990)";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static std::vector<sim::Column> event_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    /// Committed events of one run; the benchmark calls this directly, without the runner.
    static std::uint64_t simulate(const PholdParams& p, const sim::RunInput& in, std::vector<double>* log = nullptr);
};

}  // namespace models::phold
