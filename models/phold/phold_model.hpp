// PHOLD (Fujimoto 1990), the standard benchmark of discrete-event engines, in its reference form
// (as ROSS's phold and ns-3's comparisons define it): N logical processes start with K events
// each at lookahead + Exp(mean); every event reads and writes its LP's 16-byte state and schedules
// one new event at an LP drawn uniformly from all N (itself included) after lookahead + Exp(mean).
// The defaults are the standard lookahead 1.0 s and mean 1.0 s. It exercises the engine only, so
// it also serves as the engine's demo.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/phold/lp_state.hpp"
#include "sim/model/model.hpp"
#include "sim/params/field.hpp"

namespace models::phold {

struct PholdParams {
    std::int64_t lps = 1000;
    std::int64_t events_per_lp = 1;
    double lookahead_s = 1.0;
    double mean_delay_s = 1.0;
    double remote_fraction = 1.0;
    double end_time_s = 1000.0;
    std::int64_t log_events = 0;

    template <class V>
    void describe(V& v) {
        v.field("lps", lps, "LPs", "number of logical processes", sim::at_least(1));
        v.field("events_per_lp", events_per_lp, "events", "initial events per LP (population)",
                sim::at_least(1));
        v.field("lookahead_s", lookahead_s, "s", "fixed part of every delay", sim::non_negative());
        v.field("mean_delay_s", mean_delay_s, "s", "mean of the exponential part of every delay",
                sim::positive());
        v.field(
            "remote_fraction", remote_fraction, "1",
            "probability the next event goes to a uniformly drawn LP (self included) rather than "
            "back to the same LP; 1 is the standard PHOLD",
            sim::in_range(0.0, 1.0));
        v.field("end_time_s", end_time_s, "s", "simulated horizon", sim::positive());
        v.field("log_events", log_events, "events",
                "log the first this-many events of each run to events/", sim::non_negative());
    }
};

/// Which PHOLD. `standard` is the reference above. `light` is the variant l2sim's bench ran before:
/// initial events at Exp(mean) without lookahead and no LP state touched; it is kept only for
/// comparison with earlier figures and is reachable from C++ only (the bench), never from a
/// scenario.
enum class PholdVariant { standard, light };

struct PholdRun {
    std::uint64_t committed = 0;
    /// Order-sensitive digest of the LP states at the horizon: equal digests mean two engines ran
    /// the same events in the same order (the bench's baselines check it).
    std::uint64_t digest = 0;
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
    static constexpr const char* help =
        "PHOLD engine benchmark (Fujimoto 1990), standard definition";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static std::vector<sim::Column> event_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    /// Committed events of one run; the benchmark calls this directly, without the runner.
    static std::uint64_t simulate(const PholdParams& p, const sim::RunInput& in,
                                  std::vector<double>* log = nullptr);
};

/// The benchmark's entry point: the constructor sets up (initial events, LP states), so a timer
/// around run() alone measures event processing, as the reference PHOLD does.
class PholdBench {
public:
    PholdBench(const PholdParams& p, const sim::RunInput& in, PholdVariant variant);
    ~PholdBench();
    PholdBench(const PholdBench&) = delete;
    PholdBench& operator=(const PholdBench&) = delete;
    /// Runs to the horizon; call once.
    PholdRun run();

private:
    friend struct PholdModel;  // runs the same Impl with an event log
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace models::phold
