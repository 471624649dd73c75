// See run_source.hpp.
#include "sim/runner/run_source.hpp"

#include <algorithm>

#include "sim/runner/shard.hpp"

namespace sim {

std::vector<std::uint64_t> RunList::take(std::size_t max) {
    const std::size_t n = std::min<std::size_t>(max, runs_.size() - next_);
    std::vector<std::uint64_t> out(runs_.begin() + static_cast<std::ptrdiff_t>(next_),
                                   runs_.begin() + static_cast<std::ptrdiff_t>(next_ + n));
    next_ += n;
    return out;
}

ClaimedBlocks::ClaimedBlocks(std::uint64_t total_runs, std::uint64_t blocks, std::function<std::uint64_t()> claim,
                             std::uint64_t expected)
    : total_(total_runs), blocks_(blocks), claim_(std::move(claim)), expected_(expected) {}

std::vector<std::uint64_t> ClaimedBlocks::take(std::size_t max) {
    while (next_ == end_ && !exhausted_) {  // an empty block (more blocks than runs) is skipped
        const std::uint64_t b = claim_();
        if (b >= blocks_) {
            exhausted_ = true;
            break;
        }
        const RunBlock block = shard_block(total_, Shard{b, blocks_});
        next_ = block.first;
        end_ = block.end;
    }
    std::vector<std::uint64_t> out;
    for (std::uint64_t r = next_; r < end_ && out.size() < max; ++r) out.push_back(r);
    next_ += out.size();
    return out;
}

std::uint64_t claim_block_count(std::uint64_t total_runs, std::uint64_t processes) {
    return std::max<std::uint64_t>(1, std::min(total_runs, processes * pieces_per_shard));
}

}  // namespace sim
