// The standard PHOLD (models/phold/phold_model.hpp) on ns-3's discrete-event core (Debian's
// libns3-dev), for `make bench` to compare against l2sim in the same run. It uses l2sim's random
// streams and draws in the same order, and ns-3 orders events by (time, insertion uid) as l2sim
// does with one priority, so both run the same events and print the same LP-state digest.
//
//   phold_ns3 LPS EVENTS_PER_LP END_TIME_S SCHEDULER TRIALS
//   SCHEDULER: ns3::PriorityQueueScheduler, ns3::MapScheduler, ns3::HeapScheduler, ...
// Prints one line: committed, digest and the median over trials of committed events per second
// of Simulator::Run() alone (set-up excluded, as in l2sim's bench).
#include <ns3/core-module.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "models/phold/lp_state.hpp"
#include "sim/random/rng_stream.hpp"

// From sim/random/distributions.hpp, which needs C++20 (std::span); linked from l2sim's engine.
namespace sim::random {
std::uint64_t uniform_index(RngStream& rng, std::uint64_t n);
double exponential_mean(RngStream& rng, double mean);
}  // namespace sim::random

namespace {

struct Phold {
    sim::RngStream rng;
    std::uint64_t lps;
    sim::Tick lookahead;
    double mean_us;
    std::vector<models::phold::LpState> states;
    std::uint64_t committed = 0;

    sim::Tick delay() {
        return static_cast<sim::Tick>(sim::random::exponential_mean(rng, mean_us));
    }
};

Phold* phold = nullptr;  // ns-3 handlers are free functions; one PHOLD at a time

void handle(std::uint32_t lp) {
    const sim::Tick now = ns3::Simulator::Now().GetMicroSeconds();
    models::phold::LpState& s = phold->states[lp];
    if (now < s.last_event) std::abort();  // causality check: reads the state
    ++s.events;
    s.last_event = now;
    ++phold->committed;
    const auto next =
        static_cast<std::uint32_t>(sim::random::uniform_index(phold->rng, phold->lps));
    ns3::Simulator::Schedule(ns3::MicroSeconds(phold->lookahead + phold->delay()), &handle, next);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: phold_ns3 LPS EVENTS_PER_LP END_TIME_S SCHEDULER TRIALS\n");
        return 2;
    }
    struct {
        std::int64_t lps, events_per_lp;
        double end_time_s, lookahead_s = 1.0, mean_delay_s = 1.0;  // the standard PHOLD
    } p{std::atoll(argv[1]), std::atoll(argv[2]), std::atof(argv[3])};
    const std::string scheduler = argv[4];
    const int trials = std::atoi(argv[5]);
    std::vector<double> rates;
    Phold last{sim::RngStream(0, 0, 0), 0, 0, 0.0, {}, 0};
    for (int t = 0; t < trials; ++t) {
        // Trial t uses run t's streams, as l2sim's bench does.
        Phold run{sim::StreamFactory(1, static_cast<std::uint64_t>(t)).make({0, 1}),
                  static_cast<std::uint64_t>(p.lps),
                  sim::from_seconds(p.lookahead_s),
                  p.mean_delay_s * sim::ticks_per_second,
                  {},
                  0};
        run.states.resize(run.lps);
        phold = &run;
        ns3::ObjectFactory factory;
        factory.SetTypeId(scheduler);
        ns3::Simulator::SetScheduler(factory);
        // Events at exactly the horizon run (l2sim's run_until is inclusive). The stop event at
        // horizon + 1 us is inserted before every other event, so ns-3 (which orders equal times
        // by insertion) runs it before any event at horizon + 1 us. Inserted after the initial
        // events, as it once was, it let initial events at exactly horizon + 1 us run: about one
        // per microsecond arrives there at 1.6 x 10^7 pending, so the bench's largest size
        // printed "DIGESTS DIFFER" (ns-3 committed more events than l2sim and the reference).
        ns3::Simulator::Stop(ns3::MicroSeconds(sim::from_seconds(p.end_time_s) + 1));
        for (std::uint64_t lp = 0; lp < run.lps; ++lp)
            for (std::int64_t k = 0; k < p.events_per_lp; ++k)
                ns3::Simulator::Schedule(ns3::MicroSeconds(run.lookahead + run.delay()), &handle,
                                         static_cast<std::uint32_t>(lp));
        const auto t0 = std::chrono::steady_clock::now();
        ns3::Simulator::Run();
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ns3::Simulator::Destroy();
        rates.push_back(static_cast<double>(run.committed) / s);
        if (t == 0) last = std::move(run);
    }
    std::sort(rates.begin(), rates.end());
    std::printf("committed %llu digest %llu rate %.6e\n",
                static_cast<unsigned long long>(last.committed),
                static_cast<unsigned long long>(models::phold::lp_digest(last.states)),
                rates[rates.size() / 2]);
    return 0;
}
