// The standard PHOLD (models/phold/phold_model.hpp) written directly on the bench's reference heap:
// the same random streams, draws and tie-break order as l2sim's model, so both run the same events
// in the same order and end with the same LP-state digest (tests/unit/models checks it).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/phold/phold_model.hpp"
#include "sim/random/distributions.hpp"
#include "sim/random/rng_stream.hpp"
#include "tests/bench/reference_heap.hpp"

namespace bench {

class ReferencePhold {
public:
    /// Sets up the initial events and LP states (outside any timed section).
    ReferencePhold(const models::phold::PholdParams& p, const sim::RunInput& in)
        : rng_(sim::StreamFactory(in.master_seed, in.stream_run)
                   .make({0, 1})),  // PHOLD's traffic stream
          lps_(static_cast<std::uint64_t>(p.lps)),
          lookahead_(sim::from_seconds(p.lookahead_s)),
          mean_us_(p.mean_delay_s * sim::ticks_per_second),
          end_(sim::from_seconds(p.end_time_s)),
          heap_(lps_ * static_cast<std::uint64_t>(p.events_per_lp)),
          states_(lps_) {
        if (p.remote_fraction < 1.0)
            throw std::invalid_argument("reference PHOLD: standard definition only");
        if (lps_ >= (std::uint64_t{1} << lp_bits))
            throw std::invalid_argument("reference PHOLD: too many LPs");
        for (std::uint64_t lp = 0; lp < lps_; ++lp)
            for (std::int64_t k = 0; k < p.events_per_lp; ++k)
                heap_.push({lookahead_ + delay(), key_word(lp)});
    }

    models::phold::PholdRun run() {
        models::phold::PholdRun out;
        while (!heap_.empty() && heap_.top().when <= end_) {
            const HeapKey k = heap_.top();
            models::phold::LpState& s = states_[k.seq_lp & ((std::uint64_t{1} << lp_bits) - 1)];
            if (k.when < s.last_event) throw std::logic_error("reference PHOLD: out of time order");
            ++s.events;
            s.last_event = k.when;
            const std::uint64_t next = sim::random::uniform_index(rng_, lps_);
            heap_.replace_top({k.when + lookahead_ + delay(), key_word(next)});
            ++out.committed;
        }
        out.digest = models::phold::lp_digest(states_);
        return out;
    }

private:
    sim::Tick delay() {
        return static_cast<sim::Tick>(sim::random::exponential_mean(rng_, mean_us_));
    }
    std::uint64_t key_word(std::uint64_t lp) { return (++seq_ << lp_bits) | lp; }

    sim::RngStream rng_;
    std::uint64_t lps_;
    sim::Tick lookahead_;
    double mean_us_;
    sim::Tick end_;
    std::uint64_t seq_ = 0;
    ReferenceHeap heap_;
    std::vector<models::phold::LpState> states_;
};

}  // namespace bench
