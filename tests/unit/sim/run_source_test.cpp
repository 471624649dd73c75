// Run sources: claimed blocks give every run of the plan to exactly one process however the
// processes' claims interleave, a take never spans two blocks, and a process that takes more often
// (a faster one) runs more of the plan (see sim/runner/run_source.hpp).
#include "sim/runner/run_source.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/runner/shard.hpp"

namespace {

/// Processes sharing one counter, as MPI ranks share rank 0's window. Process p takes
/// `speed[p]` times per round (a faster process comes back for work more often), `wave` runs a time.
std::vector<std::vector<std::uint64_t>> share(std::uint64_t total, const std::vector<int>& speed, std::size_t wave) {
    std::uint64_t counter = 0;
    const auto processes = static_cast<std::uint64_t>(speed.size());
    const std::vector<sim::RunBlock> blocks = sim::claim_blocks(total, processes);
    std::vector<sim::ClaimedBlocks> sources;
    for (std::uint64_t p = 0; p < processes; ++p)
        sources.emplace_back(blocks, [&counter] { return counter++; }, total / processes);
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
                std::size_t b = 0;
                while (blocks[b].end <= runs.front()) ++b;
                REQUIRE(runs.back() < blocks[b].end);
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

TEST_CASE("run source: blocks shrink from 1/(2P) of what is left to 1/(64P) of the plan", "[unit]") {
    for (std::uint64_t total : {0u, 1u, 15u, 200u, 4800u, 14400u, 100000u}) {
        for (std::uint64_t p : {1u, 2u, 3u, 8u}) {
            const auto blocks = sim::claim_blocks(total, p);
            std::uint64_t next = 0;
            const std::uint64_t smallest = std::max<std::uint64_t>(1, total / (64 * p));
            for (std::size_t k = 0; k < blocks.size(); ++k) {
                REQUIRE(blocks[k].first == next);  // adjacent, in plan order, none empty
                REQUIRE(blocks[k].end > blocks[k].first);
                const std::uint64_t size = blocks[k].end - blocks[k].first, left = total - next;
                if (k + 1 < blocks.size()) {
                    REQUIRE(size >= smallest);
                    REQUIRE(size == std::max(smallest, (left + 2 * p - 1) / (2 * p)));
                }
                if (k > 0) REQUIRE(size <= blocks[k - 1].end - blocks[k - 1].first);
                next = blocks[k].end;
            }
            REQUIRE(next == total);
        }
    }
    // make bench's MPI sweep on 2 ranks
    const auto bench = sim::claim_blocks(14400, 2);
    CHECK(bench.size() == 17);
    CHECK(bench.front().end == 3600);
    CHECK(bench[bench.size() - 2].end - bench[bench.size() - 2].first == 112);
}

TEST_CASE("run source: a process that comes back three times as often runs about three times as much",
          "[unit]") {
    // make bench's sweep (4800 runs) on 2 processes, taken 50 at a time. Process 0 takes 3 waves
    // per round, process 1 one; with fixed halves each would run 2400, here process 0 runs 3/4 of
    // the plan within the last block's size (37 runs).
    const auto ran = share(4800, {3, 1}, 50);
    CHECK(std::abs(static_cast<double>(ran[0].size()) - 3600.0) <= 37.0);
    CHECK(ran[0].size() + ran[1].size() == 4800);
}

TEST_CASE("run source: a stopped process leaves the rest of its claimed block pending", "[unit]") {
    std::uint64_t counter = 0;
    sim::ClaimedBlocks source(sim::claim_blocks(320, 2), [&counter] { return counter++; }, 160);
    CHECK(source.take(4) == std::vector<std::uint64_t>{0, 1, 2, 3});
    CHECK(source.left() == 76);  // block 0 is runs 0..79; no other process will run 4..79
    CHECK(counter == 1);
    CHECK(source.take(100).size() == 76);  // the rest of block 0, never part of block 1
    CHECK(source.take(100).front() == 80);
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
