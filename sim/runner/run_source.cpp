// See run_source.hpp.
#include "sim/runner/run_source.hpp"

#include <algorithm>

namespace sim {

std::vector<std::uint64_t> RunList::take(std::size_t max) {
    const std::size_t n = std::min<std::size_t>(max, runs_.size() - next_);
    std::vector<std::uint64_t> out(runs_.begin() + static_cast<std::ptrdiff_t>(next_),
                                   runs_.begin() + static_cast<std::ptrdiff_t>(next_ + n));
    next_ += n;
    return out;
}

ClaimedBlocks::ClaimedBlocks(std::vector<RunBlock> blocks, std::function<std::uint64_t()> claim,
                             std::uint64_t expected)
    : blocks_(std::move(blocks)), claim_(std::move(claim)), expected_(expected) {}

std::vector<std::uint64_t> ClaimedBlocks::take(std::size_t max) {
    while (next_ == end_ && !exhausted_) {
        const std::uint64_t b = claim_();
        if (b >= blocks_.size()) {
            exhausted_ = true;
            break;
        }
        next_ = blocks_[b].first;
        end_ = blocks_[b].end;
    }
    std::vector<std::uint64_t> out;
    for (std::uint64_t r = next_; r < end_ && out.size() < max; ++r) out.push_back(r);
    next_ += out.size();
    return out;
}

std::vector<RunBlock> claim_blocks(std::uint64_t total_runs, std::uint64_t processes) {
    const std::uint64_t p = std::max<std::uint64_t>(1, processes);
    const std::uint64_t smallest = std::max<std::uint64_t>(1, total_runs / (64 * p));
    std::vector<RunBlock> blocks;
    for (std::uint64_t first = 0; first < total_runs;) {
        const std::uint64_t remaining = total_runs - first;
        const std::uint64_t size = std::min(remaining, std::max(smallest, (remaining + 2 * p - 1) / (2 * p)));
        blocks.push_back({first, first + size});
        first += size;
    }
    return blocks;
}

}  // namespace sim
