// Plans a user writes by hand, combining the planner's primitives: corrupt so many keys of each
// group, wait out so many blocks of the output's age, and keep the defenders' rotation out of
// blocks with a share of the hash meanwhile ("bribe 3 emergency signers and censor the rotation
// with 60% of the hash for the 144 blocks of the emergency delay"). A file of [[plan]] tables:
//
//   [[plan]]
//   name = "bribe3_censor144"
//   output = "peg"
//   corrupt = { emergency = 3 }
//   wait_blocks = 144
//   censor_share = 0.6
//   censor_blocks = 144   # optional: the pools censor the run's first 144 blocks only
//
// Each plan is checked against the design: the keys and the wait must satisfy one of the
// output's spending paths, and a censor share needs a rotation to censor (no dead keys). Errors
// name the plans file, line, column and key. The plans run beside the enumerated ones with ids
// `hand__<name>`.
#pragma once

#include <string>
#include <vector>

#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"

namespace models::layer2::planner {

struct HandPlansParams {
    std::string file;

    template <class V>
    void describe(V& v) {
        v.field("file", file, "-",
                "TOML file of hand-written [[plan]] tables (relative to the working directory; empty: none)");
    }
};

/// The plans of `path` (none for an empty path); throws sim::InputError on bad input.
std::vector<Plan> read_hand_plans(const std::string& path, const design::Design& d);
std::vector<Plan> read_hand_plans_text(const std::string& text, const std::string& file, const design::Design& d);

}  // namespace models::layer2::planner
