// TRUC, "topologically restricted until confirmation" (BIP431; Core v28 policy/truc_policy.cpp
// SingleTRUCChecks / PackageTRUCChecks, kept in v31). A version-3 transaction:
//  - is at most 10 kvB (TRUC_MAX_VSIZE) and always replaceable (no BIP125 signal needed);
//  - may spend unconfirmed outputs only of version-3 transactions, and a non-v3 transaction may not
//    spend unconfirmed v3 outputs;
//  - has at most one unconfirmed ancestor, and then is at most 1 kvB (TRUC_CHILD_MAX_VSIZE);
//  - an unconfirmed v3 parent keeps at most one child. A second child may evict the first
//    ("sibling eviction", v28) when it passes the replacement rules against it.
// These bounds cap what an attacker can attach to a shared transaction: the pinning defence.
#pragma once

#include <optional>

#include "models/bitcoin/mempool/reject.hpp"

namespace models::bitcoin::mempool {

class Mempool;
struct Candidate;

/// Checks `c`; may add the sibling to evict to `c.direct_conflicts`.
std::optional<Reject> check_truc(Candidate& c, const Mempool& pool);

}  // namespace models::bitcoin::mempool
