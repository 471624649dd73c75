// Shards partition the plan: every run exactly once, in ascending contiguous pieces, with sizes
// that differ by at most 16 runs (one per piece), and every shard gets a share of each region of
// the plan (see sim/runner/shard.hpp).
#include "sim/runner/shard.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <vector>

TEST_CASE("shards: interleaved pieces cover every run exactly once", "[unit]") {
    for (std::uint64_t total : {0u, 1u, 2u, 7u, 18u, 1000u, 4800u}) {
        for (std::uint64_t count : {1u, 2u, 3u, 5u, 32u}) {
            std::vector<std::uint64_t> all;
            std::uint64_t smallest = total, largest = 0;
            for (std::uint64_t i = 0; i < count; ++i) {
                const auto runs = sim::shard_runs(total, sim::Shard{i, count});
                for (std::size_t k = 1; k < runs.size(); ++k) REQUIRE(runs[k] > runs[k - 1]);
                all.insert(all.end(), runs.begin(), runs.end());
                smallest = std::min<std::uint64_t>(smallest, runs.size());
                largest = std::max<std::uint64_t>(largest, runs.size());
            }
            REQUIRE(all.size() == total);
            std::sort(all.begin(), all.end());
            for (std::uint64_t r = 0; r < total; ++r) REQUIRE(all[r] == r);
            CHECK(largest - smallest <= sim::pieces_per_shard);
        }
    }
}

TEST_CASE("shards: each of 2 shards gets half of each half of the plan", "[unit]") {
    // make bench's sweep: 2 grid points x 2400 replications, point-major, the second point 1.5x
    // as costly. Each shard must hold 1200 runs of each point, so both do the same work.
    for (std::uint64_t i : {0u, 1u}) {
        const auto runs = sim::shard_runs(4800, sim::Shard{i, 2});
        const auto first_point = std::count_if(runs.begin(), runs.end(), [](auto r) { return r < 2400; });
        CHECK(first_point == 1200);
        CHECK(runs.size() == 2400);
        // 16 contiguous pieces of 150 runs: long stretches of adjacent rows
        std::size_t breaks = 0;
        for (std::size_t k = 1; k < runs.size(); ++k) breaks += runs[k] != runs[k - 1] + 1;
        CHECK(breaks == 15);
    }
}

TEST_CASE("shards: contiguous blocks (files written before interleaving) cover every run once", "[unit]") {
    for (std::uint64_t total : {0u, 1u, 7u, 1000u}) {
        std::vector<std::uint64_t> all;
        for (std::uint64_t i = 0; i < 3; ++i) {
            const auto runs = sim::shard_runs(total, sim::Shard{i, 3}, sim::ShardAssignment::contiguous);
            for (std::size_t k = 1; k < runs.size(); ++k) REQUIRE(runs[k] == runs[k - 1] + 1);
            all.insert(all.end(), runs.begin(), runs.end());
        }
        REQUIRE(all.size() == total);
        for (std::uint64_t r = 0; r < total; ++r) REQUIRE(all[r] == r);
    }
    CHECK(sim::parse_shard_assignment("contiguous") == sim::ShardAssignment::contiguous);
    CHECK(sim::parse_shard_assignment(sim::shard_assignment_name(
              sim::ShardAssignment::interleaved)) == sim::ShardAssignment::interleaved);
}

TEST_CASE("shards: a huge plan's block bounds do not overflow", "[unit]") {
    const std::uint64_t total = UINT64_MAX;
    const auto last = sim::shard_block(total, sim::Shard{6, 7});
    CHECK(last.end == total);
    CHECK(last.first == total / 7 * 6 + (total % 7) * 6 / 7);
    CHECK(sim::shard_block(total, sim::Shard{0, 7}).end == total / 7);
}

TEST_CASE("shards: files written before any block assignment resume with the strided set", "[unit]") {
    CHECK(sim::parse_shard_assignment("") == sim::ShardAssignment::strided);
    CHECK(sim::parse_shard_assignment(sim::shard_assignment_name(
              sim::ShardAssignment::contiguous)) == sim::ShardAssignment::contiguous);
    CHECK(sim::shard_runs(7, sim::Shard{1, 3}, sim::ShardAssignment::strided) ==
          std::vector<std::uint64_t>{1, 4});
}
