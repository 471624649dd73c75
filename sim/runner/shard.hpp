// Which runs of a plan one shard (a `--shard I/N` process or an MPI rank) executes. Shards take
// contiguous blocks of the plan, so each process writes long runs of adjacent rows into the
// compressed chunks of its file; taking every N-th run instead made every row its own small
// read-modify-write of a chunk and made two processes slower than one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

struct Shard {
    std::uint64_t index = 0, count = 1;
};

/// How a results file's shard was chosen: recorded in the file so `resume` recomputes the same set.
enum class ShardAssignment { contiguous, strided };

/// The provenance attribute naming the assignment; files written before it existed were strided.
inline constexpr const char* shard_assignment_attr = "shard_assignment";
const char* shard_assignment_name(ShardAssignment a);
ShardAssignment parse_shard_assignment(const std::string& name);

struct RunBlock {
    std::uint64_t first = 0, end = 0;  ///< [first, end)
};
/// Shard I of N's contiguous block: [floor(I*total/N), floor((I+1)*total/N)), so block sizes
/// differ by at most one run; exact for any 64-bit total.
RunBlock shard_block(std::uint64_t total, Shard shard);

/// Ascending run indices of `shard` among `total` runs: its shard_block, or for strided (legacy
/// files only) run % N == I.
std::vector<std::uint64_t> shard_runs(std::uint64_t total, Shard shard,
                                      ShardAssignment assignment = ShardAssignment::contiguous);

}  // namespace sim
