// The pending-event set: a 4-ary min-heap of events stored by value (no allocation per event once
// the heap has grown), ordered by (time, priority, insertion sequence). Cancellation is lazy: a
// cancelled event stays in the heap and is skipped when it reaches the top.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sim/core/event.hpp"

namespace sim {

template <class Payload>
class EventQueue {
public:
    using Entry = Event<Payload>;

    /// Adds an event; the handle cancels it. Sequence numbers start at 1 and never repeat.
    EventHandle push(Tick when, Priority priority, EntityId target, Payload payload) {
        const std::uint64_t seq = ++last_seq_;
        heap_.push_back(Entry{when, make_order(priority, seq), target, std::move(payload)});
        sift_up(heap_.size() - 1);
        return EventHandle{seq};
    }

    /// Marks a pending event cancelled; O(1). Cancelling an event that already ran is a no-op.
    void cancel(EventHandle handle) {
        if (handle) cancelled_.insert(handle.seq);
    }

    /// True when no live (uncancelled) event is pending.
    bool empty() {
        drop_cancelled_top();
        return heap_.empty();
    }

    /// The next live event. Precondition: !empty().
    const Entry& top() {
        drop_cancelled_top();
        return heap_.front();
    }

    /// Removes and returns the next live event. Precondition: !empty().
    Entry pop() {
        drop_cancelled_top();
        Entry out = std::move(heap_.front());
        remove_top();
        return out;
    }

    std::size_t size_including_cancelled() const { return heap_.size(); }
    void reserve(std::size_t n) { heap_.reserve(n); }

private:
    static constexpr std::size_t arity = 4;

    static bool less(const Entry& a, const Entry& b) {
        return a.when < b.when || (a.when == b.when && a.order < b.order);
    }

    void drop_cancelled_top() {
        while (!cancelled_.empty() && !heap_.empty()) {
            auto it = cancelled_.find(heap_.front().seq());
            if (it == cancelled_.end()) return;
            cancelled_.erase(it);
            remove_top();
        }
    }

    void remove_top() {
        Entry last = std::move(heap_.back());
        heap_.pop_back();
        if (!heap_.empty()) sift_down(0, std::move(last));
    }

    void sift_up(std::size_t i) {
        Entry moving = std::move(heap_[i]);
        while (i > 0) {
            const std::size_t parent = (i - 1) / arity;
            if (!less(moving, heap_[parent])) break;
            heap_[i] = std::move(heap_[parent]);
            i = parent;
        }
        heap_[i] = std::move(moving);
    }

    void sift_down(std::size_t i, Entry moving) {
        const std::size_t n = heap_.size();
        for (;;) {
            const std::size_t first = arity * i + 1;
            if (first >= n) break;
            const std::size_t end = std::min(first + arity, n);
            std::size_t best = first;
            for (std::size_t c = first + 1; c < end; ++c)
                if (less(heap_[c], heap_[best])) best = c;
            if (!less(heap_[best], moving)) break;
            heap_[i] = std::move(heap_[best]);
            i = best;
        }
        heap_[i] = std::move(moving);
    }

    std::vector<Entry> heap_;
    std::unordered_set<std::uint64_t> cancelled_;
    std::uint64_t last_seq_ = 0;
};

}  // namespace sim
