// See shard.hpp.
#include "sim/runner/shard.hpp"

#include <stdexcept>

namespace sim {

namespace {

__extension__ using Wide =
    unsigned __int128;  // GCC/Clang extension; -Wpedantic accepts it so marked

/// floor(index * total / count) without overflow for any 64-bit total.
std::uint64_t block_start(std::uint64_t total, std::uint64_t index, std::uint64_t count) {
    return static_cast<std::uint64_t>(static_cast<Wide>(total) * index / count);
}

}  // namespace

const char* shard_assignment_name(ShardAssignment a) {
    switch (a) {
        case ShardAssignment::interleaved: return "interleaved";
        case ShardAssignment::contiguous: return "contiguous";
        case ShardAssignment::claimed: return "claimed";
        default: return "strided";
    }
}

ShardAssignment parse_shard_assignment(const std::string& name) {
    if (name == "interleaved") return ShardAssignment::interleaved;
    if (name == "claimed") return ShardAssignment::claimed;
    return name == "contiguous" ? ShardAssignment::contiguous : ShardAssignment::strided;
}

RunBlock shard_block(std::uint64_t total, Shard shard) {
    return {block_start(total, shard.index, shard.count),
            block_start(total, shard.index + 1, shard.count)};
}

std::vector<std::uint64_t> shard_runs(std::uint64_t total, Shard shard,
                                      ShardAssignment assignment) {
    std::vector<std::uint64_t> runs;
    if (assignment == ShardAssignment::claimed) {
        if (shard.count != 1) throw std::invalid_argument("a claimed shard has no fixed set of runs");
        assignment = ShardAssignment::contiguous;
    }
    if (assignment == ShardAssignment::strided) {
        for (std::uint64_t r = shard.index; r < total; r += shard.count) runs.push_back(r);
        return runs;
    }
    if (assignment == ShardAssignment::contiguous) {
        const RunBlock block = shard_block(total, shard);
        runs.reserve(block.end - block.first);
        for (std::uint64_t r = block.first; r < block.end; ++r) runs.push_back(r);
        return runs;
    }
    const std::uint64_t pieces = shard.count * pieces_per_shard;
    for (std::uint64_t piece = shard.index; piece < pieces; piece += shard.count) {
        const std::uint64_t first = block_start(total, piece, pieces);
        const std::uint64_t end = block_start(total, piece + 1, pieces);
        for (std::uint64_t r = first; r < end; ++r) runs.push_back(r);
    }
    return runs;
}

}  // namespace sim
