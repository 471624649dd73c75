// One simulation: its clock, pending events and random streams. No globals: many Simulation
// objects run at once in one process, one per replication, each on its own thread.
#pragma once

#include <cstdint>
#include <utility>

#include "sim/core/event_queue.hpp"
#include "sim/random/rng_stream.hpp"

namespace sim {

/// Owns the clock and the event queue of one run. `Payload` is the model's event type. Handlers
/// are supplied to run_until() as a callable `(EntityId target, Payload& payload)`: the model
/// dispatches (typically std::visit onto agents' `on(...)` overloads), so there is no virtual call
/// and no allocation per event.
template <class Payload>
class Simulation {
public:
    explicit Simulation(StreamFactory streams) : streams_(streams) {}

    Tick now() const { return now_; }
    double now_seconds() const { return to_seconds(now_); }

    /// Schedules at an absolute time; `when` must not be in the past.
    EventHandle schedule_at(Tick when, EntityId target, Payload payload, Priority priority = 0) {
        return queue_.push(when < now_ ? now_ : when, priority, target, std::move(payload));
    }

    EventHandle schedule_in(Tick delay, EntityId target, Payload payload, Priority priority = 0) {
        return schedule_at(now_ + delay, target, std::move(payload), priority);
    }

    void cancel(EventHandle handle) { queue_.cancel(handle); }

    /// Asks run_until() to return after the current event.
    void stop() { stopped_ = true; }
    bool stopped() const { return stopped_; }

    /// Runs events in (time, priority, insertion) order while their time is <= `end`. Returns the
    /// number of events committed by this call. The clock ends at the last event's time.
    template <class Handler>
    std::uint64_t run_until(Tick end, Handler&& handler) {
        std::uint64_t committed = 0;
        stopped_ = false;
        while (!stopped_ && queue_.next_at_or_before(end)) {
            auto event = queue_.take_settled_top();  // the handler's first schedule fills its slot
            now_ = event.when;
            handler(event.target, event.payload);
            ++committed;
        }
        committed_ += committed;
        return committed;
    }

    RngStream stream(StreamKey key) const { return streams_.make(key); }
    const StreamFactory& streams() const { return streams_; }
    std::uint64_t events_committed() const { return committed_; }
    EventQueue<Payload>& queue() { return queue_; }

private:
    StreamFactory streams_;
    EventQueue<Payload> queue_;
    Tick now_ = 0;
    std::uint64_t committed_ = 0;
    bool stopped_ = false;
};

}  // namespace sim
