// Where a runner takes its next runs from. A fixed list serves one process, a `--shard` and a
// resume; claimed blocks serve MPI ranks, which take contiguous blocks of the plan on demand from
// a counter they share, so a rank that finishes its blocks early takes more (a fixed half each
// left one rank of `make bench`'s sweep 5% longer than the other, and the other idle).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/runner/shard.hpp"

namespace sim {

class RunSource {
public:
    virtual ~RunSource() = default;
    /// Up to `max` ascending run indices to execute next; empty when this source has no more.
    virtual std::vector<std::uint64_t> take(std::size_t max) = 0;
    /// Runs this source holds and has not handed out (still pending if the runner stops early).
    virtual std::uint64_t left() const = 0;
    /// Runs this process is expected to execute, for the progress line (an estimate for blocks).
    virtual std::uint64_t expected() const = 0;
};

/// A fixed list of ascending run indices, handed out in order.
class RunList final : public RunSource {
public:
    explicit RunList(const std::vector<std::uint64_t>& runs) : runs_(runs) {}
    std::vector<std::uint64_t> take(std::size_t max) override;
    std::uint64_t left() const override { return runs_.size() - next_; }
    std::uint64_t expected() const override { return runs_.size(); }

private:
    const std::vector<std::uint64_t>& runs_;
    std::size_t next_ = 0;
};

/// The plan's runs cut into contiguous blocks (claim_blocks); `claim` returns the next unclaimed
/// block's index (a fetch-and-add shared by all processes; an index past the last block means none
/// is left), so each block is run by exactly one process. A `take` never spans two blocks: a
/// process claims its next block only when it has started every run of its current one.
class ClaimedBlocks final : public RunSource {
public:
    ClaimedBlocks(std::vector<RunBlock> blocks, std::function<std::uint64_t()> claim, std::uint64_t expected);
    std::vector<std::uint64_t> take(std::size_t max) override;
    std::uint64_t left() const override { return end_ - next_; }
    std::uint64_t expected() const override { return expected_; }

private:
    std::vector<RunBlock> blocks_;
    std::function<std::uint64_t()> claim_;
    std::uint64_t expected_;
    std::uint64_t next_ = 0, end_ = 0;  ///< the current block's runs not yet handed out
    bool exhausted_ = false;
};

/// Blocks for `processes` processes sharing a plan of `total_runs`, in plan order, shrinking as
/// the plan is used up (guided self-scheduling, Polychronopoulos & Kuck, IEEE Trans. Computers
/// 36(12), 1987): each is 1/(2 x processes) of the runs not yet in a block, but at least
/// 1/(64 x processes) of the plan. Early blocks are long (long stretches of adjacent rows in each
/// file, few claims); the last ones are short, so the processes finish at most one short block
/// apart. 2 processes on 14,400 runs: 17 blocks, from 3,600 runs down to 112 (and the last 5).
std::vector<RunBlock> claim_blocks(std::uint64_t total_runs, std::uint64_t processes);

}  // namespace sim
