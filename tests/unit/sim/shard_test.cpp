// Shards partition the plan: every run exactly once, in contiguous ascending blocks whose sizes
// differ by at most one, so each process writes adjacent rows (see sim/runner/shard.hpp).
#include "sim/runner/shard.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

TEST_CASE("shards: contiguous blocks cover every run exactly once", "[unit]") {
    for (std::uint64_t total : {0u, 1u, 2u, 7u, 18u, 1000u}) {
        for (std::uint64_t count : {1u, 2u, 3u, 5u, 32u}) {
            std::vector<std::uint64_t> all;
            std::uint64_t smallest = total, largest = 0;
            for (std::uint64_t i = 0; i < count; ++i) {
                const auto runs = sim::shard_runs(total, sim::Shard{i, count});
                for (std::size_t k = 1; k < runs.size(); ++k) REQUIRE(runs[k] == runs[k - 1] + 1);
                all.insert(all.end(), runs.begin(), runs.end());
                smallest = std::min<std::uint64_t>(smallest, runs.size());
                largest = std::max<std::uint64_t>(largest, runs.size());
            }
            REQUIRE(all.size() == total);
            for (std::uint64_t r = 0; r < total; ++r) REQUIRE(all[r] == r);
            CHECK(largest - smallest <= 1);
        }
    }
}

TEST_CASE("shards: a huge plan's block bounds do not overflow", "[unit]") {
    const std::uint64_t total = UINT64_MAX;
    const auto last = sim::shard_block(total, sim::Shard{6, 7});
    CHECK(last.end == total);
    CHECK(last.first == total / 7 * 6 + (total % 7) * 6 / 7);
    CHECK(sim::shard_block(total, sim::Shard{0, 7}).end == total / 7);
}

TEST_CASE("shards: files written before contiguous blocks resume with the strided set", "[unit]") {
    CHECK(sim::parse_shard_assignment("") == sim::ShardAssignment::strided);
    CHECK(sim::parse_shard_assignment(sim::shard_assignment_name(
              sim::ShardAssignment::contiguous)) == sim::ShardAssignment::contiguous);
    CHECK(sim::shard_runs(7, sim::Shard{1, 3}, sim::ShardAssignment::strided) ==
          std::vector<std::uint64_t>{1, 4});
}
