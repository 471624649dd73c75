// Event order is total and deterministic: (time, priority, insertion); cancellation is lazy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>
#include <vector>

#include "sim/core/simulation.hpp"
#include "sim/random/distributions.hpp"

TEST_CASE("event queue: equal-time events run by priority, then insertion order", "[unit]") {
    sim::EventQueue<int> q;
    q.push(10, 1, sim::EntityId{0}, 0);
    q.push(10, 0, sim::EntityId{0}, 1);
    q.push(5, 9, sim::EntityId{0}, 2);
    q.push(10, 0, sim::EntityId{0}, 3);
    q.push(10, -3, sim::EntityId{0}, 4);
    std::vector<int> order;
    while (!q.empty()) order.push_back(q.pop().payload);
    CHECK(order == std::vector<int>{2, 4, 1, 3, 0});
}

TEST_CASE("event queue: cancelled events never run", "[unit]") {
    sim::EventQueue<int> q;
    auto a = q.push(1, 0, sim::EntityId{0}, 1);
    q.push(2, 0, sim::EntityId{0}, 2);
    auto c = q.push(3, 0, sim::EntityId{0}, 3);
    q.cancel(a);
    q.cancel(c);
    REQUIRE(!q.empty());
    CHECK(q.pop().payload == 2);
    CHECK(q.empty());
}

TEST_CASE("event queue: matches a sorted reference under random load", "[unit]") {
    sim::RngStream rng(1, 2, 3);
    sim::EventQueue<int> q;
    using Key = std::tuple<sim::Tick, int, int>;
    std::vector<Key> reference;
    for (int i = 0; i < 20000; ++i) {
        const auto when = static_cast<sim::Tick>(sim::random::uniform_index(rng, 500));
        const auto prio = static_cast<sim::Priority>(sim::random::uniform_index(rng, 3));
        q.push(when, prio, sim::EntityId{0}, i);
        reference.emplace_back(when, prio, i);
    }
    std::sort(reference.begin(), reference.end());
    for (const auto& [when, prio, id] : reference) {
        auto e = q.pop();
        REQUIRE(e.when == when);
        REQUIRE(e.priority() == prio);
        REQUIRE(e.payload == id);
    }
}

TEST_CASE("simulation: run_until stops at the horizon and the clock advances", "[unit]") {
    sim::Simulation<int> s(sim::StreamFactory(1, 0));
    std::vector<sim::Tick> seen;
    s.schedule_at(sim::from_seconds(1.0), sim::EntityId{0}, 0);
    s.schedule_at(sim::from_seconds(3.0), sim::EntityId{0}, 0);
    const auto n = s.run_until(sim::from_seconds(1.9), [&](sim::EntityId, int&) {
        seen.push_back(s.now());
        s.schedule_in(sim::from_seconds(0.5), sim::EntityId{1}, 1);
    });
    CHECK(n == 2);  // t=1.0 and the follow-up at t=1.5
    CHECK(seen == std::vector<sim::Tick>{1'000'000, 1'500'000});
    CHECK(s.events_committed() == 2);
}

TEST_CASE("simulation: two simulations in one process do not share state", "[unit]") {
    sim::Simulation<int> a(sim::StreamFactory(1, 0)), b(sim::StreamFactory(1, 0));
    a.schedule_at(5, sim::EntityId{0}, 0);
    CHECK(b.queue().empty());
    CHECK(a.stream({1, 1}).next_u64() == b.stream({1, 1}).next_u64());
}

TEST_CASE("event queue: take_top leaves a slot that the next push or any query fills", "[unit]") {
    sim::EventQueue<int> q;
    for (int i = 0; i < 6; ++i) q.push(10 * i, 0, sim::EntityId{0}, i);
    CHECK(q.take_top().payload == 0);
    q.push(25, 0, sim::EntityId{0}, 99);  // fills the slot: one sift-down from the root
    CHECK(q.take_top().payload == 1);
    CHECK(q.top().payload == 2);  // no push: top() settles the slot first
    CHECK(q.size_including_cancelled() == 5);
    std::vector<int> order;
    while (!q.empty()) order.push_back(q.pop().payload);
    CHECK(order == std::vector<int>{2, 99, 3, 4, 5});
}

TEST_CASE("event queue: take_top, push, pop and cancel interleaved match a sorted reference", "[unit]") {
    // The reference is an ordered set of (time, priority, seq); the queue must pop exactly its
    // minimum whichever of take_top()/pop() is used and however holes and cancels interleave.
    sim::RngStream rng(4, 5, 6);
    sim::EventQueue<int> q;
    std::set<std::tuple<sim::Tick, int, std::uint64_t>> live;
    std::vector<std::pair<sim::EventHandle, std::tuple<sim::Tick, int, std::uint64_t>>> handles;
    sim::Tick now = 0;
    for (int step = 0; step < 60000; ++step) {
        const auto action = sim::random::uniform_index(rng, 10);
        if (action < 4 || live.empty()) {
            const sim::Tick when = now + static_cast<sim::Tick>(sim::random::uniform_index(rng, 50));
            const auto prio = static_cast<sim::Priority>(sim::random::uniform_index(rng, 3)) - 1;
            const auto h = q.push(when, prio, sim::EntityId{0}, step);
            live.emplace(when, prio, h.seq);
            handles.emplace_back(h, std::make_tuple(when, static_cast<int>(prio), h.seq));
        } else if (action < 5 && !handles.empty()) {
            const auto k = sim::random::uniform_index(rng, handles.size());
            q.cancel(handles[k].first);
            live.erase(handles[k].second);
            handles[k] = handles.back();
            handles.pop_back();
        } else {
            REQUIRE(!q.empty());
            const auto e = action < 8 ? q.take_top() : q.pop();
            const auto expected = *live.begin();
            live.erase(live.begin());
            REQUIRE(std::make_tuple(e.when, static_cast<int>(e.priority()), e.seq()) == expected);
            now = e.when;
        }
    }
    CHECK(q.empty() == live.empty());
}

namespace {

struct NoPayload {};  // selects PayloadFreeEventQueue: the whole event lives in the heap key

/// One random interleaving of push (targets up to 2^`target_bits` - 1), cancel (also of handles
/// whose event already ran), take_top and pop, applied to a payload-free queue and to the general
/// queue carrying the same event's target as its payload. Both must pop the same events in the
/// same order, and that order must be the minimum of an ordered-set reference each time: the
/// payload-free queue's packed keys, renumbering and ticket mapping are checked against two
/// implementations that share none of them.
void check_against_stored_queue(std::uint64_t seed, unsigned target_bits, std::uint64_t seq_limit,
                                int steps) {
    sim::RngStream rng(seed, 7, 8);
    sim::EventQueue<NoPayload> fast;
    sim::StoredEventQueue<std::uint32_t> stored;
    if (seq_limit) fast.limit_sequences_for_testing(seq_limit);
    using Key = std::tuple<sim::Tick, int, std::uint64_t>;
    std::set<Key> live;
    std::vector<std::pair<sim::EventHandle, Key>> handles;    // of the payload-free queue
    std::vector<sim::EventHandle> stored_handles;             // same index, general queue
    std::vector<std::pair<sim::EventHandle, sim::EventHandle>> ran;  // handles of events that ran
    sim::Tick now = 0;
    std::uint64_t pushes = 0;
    for (int step = 0; step < steps; ++step) {
        const auto action = sim::random::uniform_index(rng, 20);
        if (action < 8 || live.empty()) {
            const sim::Tick when =
                now + static_cast<sim::Tick>(sim::random::uniform_index(rng, 40));
            const auto prio = static_cast<sim::Priority>(sim::random::uniform_index(rng, 3)) - 1;
            // Targets widen as the run goes on: the queue re-encodes its keys on the way.
            const unsigned bits = std::min<unsigned>(target_bits, 1 + pushes / 64);
            const auto target = static_cast<std::uint32_t>(
                sim::random::uniform_index(rng, std::uint64_t{1} << bits));
            ++pushes;
            const auto h = fast.push(when, prio, sim::EntityId{target});
            const auto hs = stored.push(when, prio, sim::EntityId{target}, target);
            REQUIRE(h.seq == hs.seq);  // both number insertions 1, 2, ...
            live.emplace(when, prio, h.seq);
            handles.emplace_back(h, Key{when, prio, h.seq});
            stored_handles.push_back(hs);
        } else if (action < 10 && !handles.empty()) {
            const auto k = sim::random::uniform_index(rng, handles.size());
            fast.cancel(handles[k].first);
            stored.cancel(stored_handles[k]);
            live.erase(handles[k].second);
            handles[k] = handles.back();
            handles.pop_back();
            stored_handles[k] = stored_handles.back();
            stored_handles.pop_back();
        } else if (action < 11 && !ran.empty()) {  // a stale handle: must change nothing
            const auto k = sim::random::uniform_index(rng, ran.size());
            fast.cancel(ran[k].first);
            stored.cancel(ran[k].second);
        } else {
            REQUIRE(!fast.empty());
            const bool take = action < 17;
            const auto e = take ? fast.take_top() : fast.pop();
            const auto es = take ? stored.take_top() : stored.pop();
            const Key expected = *live.begin();
            live.erase(live.begin());
            REQUIRE(std::make_tuple(e.when, static_cast<int>(e.priority()), e.seq()) == expected);
            REQUIRE(std::make_tuple(es.when, static_cast<int>(es.priority()), es.seq()) ==
                    expected);
            REQUIRE(e.target.value == es.payload);
            for (std::size_t k = 0; k < handles.size(); ++k)
                if (std::get<2>(handles[k].second) == e.seq()) {
                    ran.emplace_back(handles[k].first, stored_handles[k]);
                    handles[k] = handles.back();
                    handles.pop_back();
                    stored_handles[k] = stored_handles.back();
                    stored_handles.pop_back();
                    break;
                }
            now = e.when;
        }
    }
    while (!live.empty()) {
        REQUIRE(!fast.empty());
        const auto e = fast.pop();
        REQUIRE(std::make_tuple(e.when, static_cast<int>(e.priority()), e.seq()) == *live.begin());
        live.erase(live.begin());
    }
    CHECK(fast.empty());
}

}  // namespace

TEST_CASE("payload-free event queue: same order as the general queue, with cancels", "[unit]") {
    check_against_stored_queue(1, 20, 0, 30000);  // no renumbering: the common case
}

TEST_CASE("payload-free event queue: renumbered sequences keep order, targets and handles",
          "[unit]") {
    // Sequences run out every ~100 pushes (limit 256 against at most ~100 pending), and targets
    // widen from 1 to 32 bits, so renumbering happens hundreds of times mid-run, with cancelled
    // events pending and handles from before each renumbering still in use.
    check_against_stored_queue(2, 32, 256, 40000);
    check_against_stored_queue(3, 12, 300, 40000);
}

TEST_CASE("payload-free event queue: the widest targets come back intact", "[unit]") {
    sim::EventQueue<NoPayload> q;
    q.push(5, 0, sim::EntityId{UINT32_MAX});
    q.push(5, 0, sim::EntityId{0});
    q.push(4, 1, sim::EntityId{123456789});
    auto a = q.pop();
    CHECK(a.target.value == 123456789);
    CHECK(a.priority() == 1);
    CHECK(q.pop().target.value == UINT32_MAX);
    CHECK(q.pop().target.value == 0);
    CHECK(q.empty());
}

TEST_CASE("payload-free event queue: a simulation runs payload-free events in order", "[unit]") {
    sim::Simulation<NoPayload> s(sim::StreamFactory(1, 0));
    std::vector<std::pair<sim::Tick, std::uint32_t>> seen;
    s.schedule_at(10, sim::EntityId{2}, {});
    s.schedule_at(10, sim::EntityId{1}, {});
    const auto h = s.schedule_at(7, sim::EntityId{9}, {});
    s.schedule_at(3, sim::EntityId{4}, {}, -1);
    s.cancel(h);
    s.run_until(100, [&](sim::EntityId target, NoPayload&) {
        seen.emplace_back(s.now(), target.value);
        if (target.value == 4) s.schedule_in(7, sim::EntityId{5}, {});  // ties with the two at 10
    });
    using Seen = std::vector<std::pair<sim::Tick, std::uint32_t>>;
    CHECK(seen == Seen{{3, 4}, {10, 2}, {10, 1}, {10, 5}});
}
