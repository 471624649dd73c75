// Which runs of a plan one shard (a `--shard I/N` process) executes; MPI ranks instead claim blocks
// on demand (run_source.hpp). The plan is cut into 16 x N contiguous pieces dealt round-robin
// (shard I takes pieces I, I+N, I+2N, ...), so each process writes long stretches of adjacent rows
// into the compressed chunks of its file (taking every N-th run made every row its own small read-
// modify-write of a chunk, and two processes slower than one) and still gets a share of every
// region of the plan: a run's cost usually varies along the grid (the plan is point-major), and one
// contiguous block per shard gave the shard holding the expensive points most of the work (60 %
// against 40 % in `make bench`'s sweep, which caps 2 processes at 1.67x).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

struct Shard {
    std::uint64_t index = 0, count = 1;
};

/// How a results file's shard was chosen: recorded in the file so `resume` recomputes the same set.
/// `claimed`: an MPI rank's file, whose runs were blocks claimed on demand (see run_source.hpp);
/// which runs are its own is known only from its status column, so it resumes only as part of
/// the merged output.
enum class ShardAssignment { interleaved, contiguous, strided, claimed };

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

/// Pieces per shard in the interleaved assignment: enough to even out a cost that varies along the
/// plan, few enough that each piece spans many rows.
inline constexpr std::uint64_t pieces_per_shard = 16;

/// Ascending run indices of `shard` among `total` runs: pieces I, I+N, ... of 16 x N contiguous
/// pieces (interleaved); for files written before, its shard_block (contiguous) or run % N == I
/// (strided). A single shard (N = 1) holds every run under any assignment; `claimed` with N > 1
/// has no fixed set and throws std::invalid_argument.
std::vector<std::uint64_t> shard_runs(std::uint64_t total, Shard shard,
                                      ShardAssignment assignment = ShardAssignment::interleaved);

}  // namespace sim
