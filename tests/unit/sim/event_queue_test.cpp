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
