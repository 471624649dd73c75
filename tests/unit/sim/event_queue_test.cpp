// Event order is total and deterministic: (time, priority, insertion); cancellation is lazy.
#include <catch2/catch.hpp>

#include <algorithm>
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
