// Run sources: claimed blocks give every run of the plan to exactly one process however the
// processes' claims interleave, a take never spans two blocks, and a process that takes more often
// (a faster one) runs more of the plan (see sim/runner/run_source.hpp).
#include "sim/runner/run_source.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/runner/shard.hpp"

namespace {

/// Processes sharing one counter, as MPI ranks share rank 0's window. Process p takes
/// `speed[p]` times per round (a faster process comes back for work more often), `wave` runs a time.
std::vector<std::vector<std::uint64_t>> share(std::uint64_t total, const std::vector<int>& speed, std::size_t wave) {
    std::uint64_t counter = 0;
    const auto processes = static_cast<std::uint64_t>(speed.size());
    const std::uint64_t blocks = sim::claim_block_count(total, processes);
    std::vector<sim::ClaimedBlocks> sources;
    for (std::uint64_t p = 0; p < processes; ++p)
        sources.emplace_back(total, blocks, [&counter] { return counter++; }, total / processes);
    std::vector<std::vector<std::uint64_t>> ran(speed.size());
    for (bool any = true; any;) {
        any = false;
        for (std::size_t p = 0; p < speed.size(); ++p) {
            for (int k = 0; k < speed[p]; ++k) {
                const auto runs = sources[p].take(wave);
                if (runs.empty()) continue;
                any = true;
                REQUIRE(runs.size() <= wave);
                // one take: adjacent runs inside one block
                for (std::size_t i = 1; i < runs.size(); ++i) REQUIRE(runs[i] == runs[i - 1] + 1);
                std::uint64_t b = 0;
                while (sim::shard_block(total, sim::Shard{b, blocks}).end <= runs.front()) ++b;
                REQUIRE(runs.back() < sim::shard_block(total, sim::Shard{b, blocks}).end);
                ran[p].insert(ran[p].end(), runs.begin(), runs.end());
            }
        }
    }
    for (auto& s : sources) REQUIRE(s.left() == 0);
    return ran;
}

}  // namespace

TEST_CASE("run source: claimed blocks give every run to exactly one process", "[unit]") {
    for (std::uint64_t total : {0u, 1u, 5u, 31u, 32u, 33u, 1000u, 4800u}) {
        for (const std::vector<int>& speed : {std::vector<int>{1}, {1, 1}, {3, 1}, {1, 2, 5}}) {
            for (std::size_t wave : {1u, 7u, 10000u}) {
                const auto ran = share(total, speed, wave);
                std::vector<std::uint64_t> all;
                for (const auto& r : ran) all.insert(all.end(), r.begin(), r.end());
                REQUIRE(all.size() == total);
                std::sort(all.begin(), all.end());
                for (std::uint64_t r = 0; r < total; ++r) REQUIRE(all[r] == r);
            }
        }
    }
}

TEST_CASE("run source: a process that comes back three times as often runs about three times as much",
          "[unit]") {
    // make bench's sweep (4800 runs) on 2 processes: 32 blocks of 150 runs, taken 50 at a time.
    // Process 0 takes 3 waves per round, process 1 one; with fixed halves each would run 2400.
    const auto ran = share(4800, {3, 1}, 50);
    CHECK(sim::claim_block_count(4800, 2) == 32);
    CHECK(ran[0].size() == 3600);
    CHECK(ran[1].size() == 1200);
}

TEST_CASE("run source: a stopped process leaves the rest of its claimed block pending", "[unit]") {
    std::uint64_t counter = 0;
    sim::ClaimedBlocks source(320, sim::claim_block_count(320, 2), [&counter] { return counter++; }, 160);
    CHECK(source.take(4) == std::vector<std::uint64_t>{0, 1, 2, 3});
    CHECK(source.left() == 6);  // block 0 is runs 0..9; no other process will run 4..9
    CHECK(counter == 1);
    CHECK(source.take(100).size() == 6);  // the rest of block 0, never part of block 1
    CHECK(source.take(100).front() == 10);
    CHECK(counter == 2);
}

TEST_CASE("run source: a list hands out its runs in order", "[unit]") {
    const std::vector<std::uint64_t> runs{2, 3, 5, 8, 13};
    sim::RunList list(runs);
    CHECK(list.expected() == 5);
    CHECK(list.take(2) == std::vector<std::uint64_t>{2, 3});
    CHECK(list.left() == 3);
    CHECK(list.take(10) == std::vector<std::uint64_t>{5, 8, 13});
    CHECK(list.take(10).empty());
}

TEST_CASE("shards: a claimed rank file has no fixed set; merged (one shard) it holds every run", "[unit]") {
    CHECK(sim::parse_shard_assignment(sim::shard_assignment_name(sim::ShardAssignment::claimed)) ==
          sim::ShardAssignment::claimed);
    CHECK_THROWS_AS(sim::shard_runs(10, sim::Shard{0, 2}, sim::ShardAssignment::claimed), std::invalid_argument);
    CHECK(sim::shard_runs(3, sim::Shard{0, 1}, sim::ShardAssignment::claimed) == std::vector<std::uint64_t>{0, 1, 2});
}
