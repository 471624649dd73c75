// One way of spending an output: the keys that must sign, the preimages that must be revealed,
// the timelocks the spending transaction must carry, and the witness weight of that spend. The
// satisfier returns the cheapest Path a party can take; the path enumerator lists every minimal
// one (the planner's input). A Path is analysed without signing (rust-miniscript src/plan.rs).
#pragma once

#include <cstdint>
#include <vector>

#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/units.hpp"

namespace models::bitcoin::policy {

struct Path {
    std::vector<KeyId> keys;            ///< sorted, unique
    std::vector<PreimageId> preimages;  ///< sorted, unique
    /// The largest after(n) on the path, 0 if none: the spend needs nLockTime >= after, of the
    /// same kind (height or time, BIP65).
    std::uint32_t after = 0;
    /// The largest older(n) on the path, 0 if none: the spend needs nSequence >= older_blocks and
    /// the spent output at least that many blocks old (BIP68, BIP112).
    std::uint32_t older_blocks = 0;
    /// The input's whole witness (stack items, witness script, control block) in WU.
    Weight witness;

    /// What the path needs, ignoring its cost.
    bool same_requirements(const Path& o) const {
        return keys == o.keys && preimages == o.preimages && after == o.after &&
               older_blocks == o.older_blocks;
    }
};

}  // namespace models::bitcoin::policy
