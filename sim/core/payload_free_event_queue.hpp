// The pending-event set for events that carry nothing but their target (an empty Payload type,
// e.g. PHOLD's hops): a 4-ary min-heap of 16-byte keys that hold the whole event, so taking the
// next event reads only the heap's root (no second, dependent memory access per event).
//
// A key is the tick plus one 64-bit word:
//     bits 63..56    priority + 128          (lower runs first)
//     bits 55..b     sequence                (insertion order: FIFO among equals)
//     bits b-1..0    target entity           (never decides the order: sequences are unique)
// so one integer compare after the time orders two events in (time, priority, insertion) order,
// exactly as the general EventQueue does, and four sibling keys fill one 64-byte line (the root
// sits at index 3 of a 64-byte-aligned array). The target width b grows in steps of 4 bits as
// wider targets are pushed. A sequence that runs out of its 56 - b bits, or a wider b, renumbers
// the pending events' sequences 0..n-1 in their existing order: no comparison between pending
// events changes, so neither does the order of events.
//
// Handles hold an insertion ticket that is never renumbered (1, 2, ...). Up to the first
// renumbering a ticket is its event's sequence + 1; afterwards the queue keeps the tickets of the
// events that were pending at the last renumbering, sorted (their sequences are the indices), and
// maps newer tickets by an offset. Cancellation is lazy: the cancelled sequences are kept in a
// hash set (consulted only while it is non-empty) and skipped when they reach the top.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sim/core/event.hpp"

namespace sim {

namespace detail {

/// Allocates on 64-byte boundaries so that every group of four 16-byte heap keys is one cache line.
template <class T>
struct CacheLineAllocator {
    using value_type = T;
    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U>&) {}
    T* allocate(std::size_t n) {
        return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64}));
    }
    void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
    template <class U>
    bool operator==(const CacheLineAllocator<U>&) const {
        return true;
    }
};

}  // namespace detail

template <class Payload>
class PayloadFreeEventQueue {
    static_assert(std::is_empty_v<Payload> && std::is_trivially_default_constructible_v<Payload>);

public:
    using Entry = Event<Payload>;

    PayloadFreeEventQueue() : heap_(64) {}

    /// Adds an event; the handle cancels it.
    EventHandle push(Tick when, Priority priority, EntityId target, Payload = {}) {
        if (target.value > target_mask_) [[unlikely]]
            widen_targets(target.value);
        if (next_seq_ > seq_limit_) [[unlikely]]
            renumber(target_bits_);  // settles a hole first
        const Key key{when, word(priority, next_seq_++, target.value)};
        if (hole_) {
            hole_ = false;
            sift_down(root, key);
        } else {
            if (end_ == heap_.size()) heap_.resize(2 * heap_.size());
            heap_[end_++] = key;
            sift_up(end_ - 1);
        }
        return EventHandle{++last_ticket_};
    }

    /// Marks a pending event cancelled. Cancelling an event that already ran is a no-op.
    void cancel(EventHandle handle) {
        if (!handle || handle.seq > last_ticket_) return;
        const std::uint64_t ticket = handle.seq;
        if (ticket >= first_new_ticket_) {
            cancelled_.insert(ticket - first_new_ticket_ + renumbered_.size());
            return;
        }
        const auto it = std::lower_bound(renumbered_.begin(), renumbered_.end(), ticket);
        if (it != renumbered_.end() && *it == ticket)  // else it ran before the renumbering
            cancelled_.insert(static_cast<std::uint64_t>(it - renumbered_.begin()));
    }

    /// True when no live (uncancelled) event is pending.
    bool empty() {
        settle();
        return end_ == root;
    }

    /// The next live event. Precondition: !empty().
    Entry top() {
        settle();
        return entry(heap_[root]);
    }

    /// Removes and returns the next live event. Precondition: !empty().
    Entry pop() {
        Entry out = take_top();
        settle();
        return out;
    }

    /// Removes and returns the next live event, leaving its slot for the next push to fill (the
    /// classic replace-top: a handler usually schedules the next event); every other member
    /// settles the hole first. Precondition: !empty().
    Entry take_top() {
        settle();
        return take_settled_top();
    }

    /// True when a live event is pending at or before `end`: a run loop's test, after which
    /// take_settled_top() may be called (one settle per event instead of three).
    bool next_at_or_before(Tick end) {
        settle();
        return end_ > root && heap_[root].when <= end;
    }

    /// take_top() without settling. Precondition: next_at_or_before() returned true, or empty()
    /// returned false, and nothing else was called since.
    Entry take_settled_top() {
        hole_ = true;
        return entry(heap_[root]);
    }

    std::size_t size_including_cancelled() {
        settle();
        return end_ - root;
    }

    void reserve(std::size_t n) {
        if (root + n > heap_.size()) heap_.resize(root + n);
    }

    /// Lets a test reach sequence exhaustion (renumbering) without 2^36 pushes; `limit` must
    /// exceed twice the number of pending events.
    void limit_sequences_for_testing(std::uint64_t limit) {
        test_seq_limit_ = limit;
        seq_limit_ = std::min(limit, max_seq());
    }

private:
    struct Key {
        Tick when;
        std::uint64_t word;  ///< priority | sequence | target, see the file comment
    };
    static_assert(sizeof(Key) == 16);

    static constexpr std::size_t arity = 4;
    static constexpr std::size_t root = 3;  ///< sibling groups start at multiples of 4 keys
    static constexpr std::uint64_t seq_and_target_mask = (std::uint64_t{1} << 56) - 1;
    /// Heaps smaller than this fit in the core's L2 cache, where a prefetch only costs
    /// instructions.
    static constexpr std::size_t prefetch_from_keys = (std::size_t{1} << 20) / sizeof(Key);

    static std::size_t first_child(std::size_t i) { return arity * i - 8; }
    static std::size_t parent(std::size_t i) { return (i >> 2) + 2; }

    static bool less(const Key& a, const Key& b) {
        return a.when < b.when || (a.when == b.when && a.word < b.word);
    }

    std::uint64_t word(Priority priority, std::uint64_t seq, std::uint32_t target) const {
        return (static_cast<std::uint64_t>(static_cast<int>(priority) + 128) << 56) |
               (seq << target_bits_) | target;
    }
    std::uint64_t seq_of(const Key& k) const {
        return (k.word & seq_and_target_mask) >> target_bits_;
    }
    std::uint64_t max_seq() const { return (std::uint64_t{1} << (56 - target_bits_)) - 1; }

    /// The ticket a handle holds for the event with sequence `seq` (see the file comment).
    std::uint64_t ticket_of(std::uint64_t seq) const {
        return seq < renumbered_.size() ? renumbered_[seq]
                                        : seq - renumbered_.size() + first_new_ticket_;
    }

    Entry entry(const Key& k) const {
        const auto priority = static_cast<Priority>(static_cast<int>(k.word >> 56) - 128);
        return Entry{k.when, make_order(priority, ticket_of(seq_of(k))),
                     EntityId{static_cast<std::uint32_t>(k.word & target_mask_)}, Payload{}};
    }

    [[gnu::noinline]] void widen_targets(std::uint32_t target) {
        unsigned bits = target_bits_;
        while (bits < 32 && (std::uint64_t{target} >> bits) != 0) bits = std::min(bits + 4, 32u);
        renumber(bits);
    }

    /// Gives the pending events the sequences 0..n-1 in their current order with `target_bits`
    /// target bits; no comparison between pending events changes. Cancelled sequences and the
    /// handles' tickets follow their events.
    [[gnu::noinline]] void renumber(unsigned target_bits) {
        settle();
        const std::size_t n = end_ - root;
        std::vector<std::pair<std::uint64_t, std::size_t>> by_seq;
        by_seq.reserve(n);
        for (std::size_t i = root; i < end_; ++i) by_seq.emplace_back(seq_of(heap_[i]), i);
        std::sort(by_seq.begin(), by_seq.end());
        // Renumbering again after fewer than n pushes would make pushes quadratic.
        if (std::min((std::uint64_t{1} << (56 - target_bits)) - 1, test_seq_limit_) < 2 * n)
            throw std::length_error("event queue: too many pending events for the targets' width");
        std::vector<std::uint64_t> tickets;
        tickets.reserve(n);
        std::unordered_set<std::uint64_t> cancelled;
        const std::uint64_t old_target_mask = target_mask_;
        target_bits_ = target_bits;
        target_mask_ = target_bits == 32 ? UINT32_MAX : (std::uint32_t{1} << target_bits) - 1;
        for (std::uint64_t seq = 0; seq < n; ++seq) {
            const auto [old_seq, i] = by_seq[seq];
            tickets.push_back(ticket_of(old_seq));
            if (cancelled_.count(old_seq)) cancelled.insert(seq);
            const std::uint64_t w = heap_[i].word;
            heap_[i].word = ((w >> 56) << 56) | (seq << target_bits_) | (w & old_target_mask);
        }
        renumbered_ = std::move(tickets);
        cancelled_ = std::move(cancelled);
        first_new_ticket_ = last_ticket_ + 1;
        next_seq_ = n;
        seq_limit_ = std::min(max_seq(), test_seq_limit_);
    }

    /// Fills a hole left by take_top(), then drops cancelled events from the top. The test is
    /// inlined into every member; the work, rare in a run loop, is not.
    void settle() {
        if (hole_ || !cancelled_.empty()) [[unlikely]]
            settle_slow();
    }

    [[gnu::noinline]] void settle_slow() {
        if (hole_) {
            hole_ = false;
            remove_top();
        }
        while (!cancelled_.empty() && end_ > root) {
            const auto it = cancelled_.find(seq_of(heap_[root]));
            if (it == cancelled_.end()) return;
            cancelled_.erase(it);
            remove_top();
        }
    }

    void remove_top() {
        const Key last = heap_[--end_];
        if (end_ > root) sift_down(root, last);
    }

    void sift_up(std::size_t i) {
        Key* h = heap_.data();
        const Key moving = h[i];
        while (i > root) {
            const std::size_t p = parent(i);
            if (!less(moving, h[p])) break;
            h[i] = h[p];
            i = p;
        }
        h[i] = moving;
    }

    void sift_down(std::size_t i, Key moving) {
        if (end_ >= prefetch_from_keys)
            sift_down<true>(i, moving);
        else
            sift_down<false>(i, moving);
    }

    template <bool prefetch>
    void sift_down(std::size_t i, Key moving) {
        const std::size_t n = end_;
        Key* h = heap_.data();
        for (;;) {
            const std::size_t c = first_child(i);
            if (c >= n) break;
            if constexpr (prefetch) {
                const std::size_t g = first_child(c);  // four groups of four, one line each
                if (g < n)
                    for (std::size_t j = 0; j < arity * arity; j += arity)
                        __builtin_prefetch(h + g + j);
            }
            std::size_t best = c;
            if (c + arity <= n) {
                if (less(h[c + 1], h[best])) best = c + 1;
                if (less(h[c + 2], h[best])) best = c + 2;
                if (less(h[c + 3], h[best])) best = c + 3;
            } else {
                for (std::size_t j = c + 1; j < n; ++j)
                    if (less(h[j], h[best])) best = j;
            }
            if (!less(h[best], moving)) break;
            h[i] = h[best];
            i = best;
        }
        h[i] = moving;
    }

    /// The keys; [0, root) unused, [root, end_) the heap, the rest spare capacity.
    std::vector<Key, detail::CacheLineAllocator<Key>> heap_;
    std::size_t end_ = root;
    bool hole_ = false;  ///< heap_[root] was taken by take_top() and awaits a push or settle()
    unsigned target_bits_ = 4;
    std::uint32_t target_mask_ = 15;
    std::uint64_t next_seq_ = 0;
    std::uint64_t seq_limit_ = (std::uint64_t{1} << (56 - 4)) - 1;  ///< max_seq() unless testing
    std::uint64_t test_seq_limit_ = UINT64_MAX;
    std::uint64_t last_ticket_ = 0;          ///< the last handle's ticket; tickets start at 1
    std::uint64_t first_new_ticket_ = 1;     ///< ticket of sequence renumbered_.size()
    std::vector<std::uint64_t> renumbered_;  ///< tickets of sequences 0.. at the last renumbering
    std::unordered_set<std::uint64_t> cancelled_;  ///< sequences of cancelled pending events
};

}  // namespace sim
