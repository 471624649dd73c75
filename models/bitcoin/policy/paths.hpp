// Every minimal spending path of a policy: the planner's input. A path is a combination over the
// leaves (which keys sign, which preimages are revealed, which timelocks are waited out) that
// satisfies the policy; it is minimal when no other path needs a subset of it (fewer keys or
// preimages, earlier or no timelocks). Enumeration can be pruned to a moment (height, median time
// past, output age), as rust-miniscript's at_age / at_lock_time prune a semantic policy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/path.hpp"
#include "models/bitcoin/policy/witness_model.hpp"

namespace models::bitcoin::policy {

/// When a spend would confirm: the block's height, the previous block's median time past and the
/// spent output's age in blocks (the same meaning as in Assets, satisfy.hpp).
struct Moment {
    Height height = 0;
    std::int64_t mtp_s = 0;
    std::uint32_t age_blocks = 0;
};

struct PathList {
    std::vector<Path> paths;  ///< minimal paths, in a deterministic order
    bool truncated = false;   ///< true when an intermediate list hit max_paths
};

inline constexpr std::size_t default_max_paths = 100'000;

/// `a` needs no more than `b`: a subset of its keys and preimages, no later timelocks.
bool needs_no_more_than(const Path& a, const Path& b);

/// Every minimal path, whatever the time.
PathList spending_paths(const Policy& policy, const WitnessModel& model = WitnessModel::p2wsh(),
                        std::size_t max_paths = default_max_paths);

/// Every minimal path whose timelocks are met at `at`.
PathList spending_paths_at(const Policy& policy, const Moment& at,
                           const WitnessModel& model = WitnessModel::p2wsh(),
                           std::size_t max_paths = default_max_paths);

}  // namespace models::bitcoin::policy
