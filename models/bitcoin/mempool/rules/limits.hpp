// Topology limits on what a new transaction (or 1p1c package) joins.
// Pre-cluster (Core v28 txmempool.cpp CalculateMemPoolAncestors, policy/policy.h): at most 25
// in-mempool ancestors including itself and 101 kvB of them; every ancestor keeps at most 25
// descendants including itself and 101 kvB. CPFP carve-out (validation.cpp PreChecks, v28): a
// non-TRUC tx of at most 10 kvB whose only unconfirmed ancestor is its parent may exceed the
// parent's descendant limits by one transaction and 10 kvB (so each channel party can always attach
// one child to a shared commitment). Removed in v31 (PR #34266).
// Cluster (Core v31, release-notes-33629.md): the cluster the transaction joins holds at most 64
// transactions and 101 kvB.
// Transactions the acceptance would replace do not count (their room is freed first).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "models/bitcoin/mempool/reject.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::mempool {

class Mempool;

/// What is being added: `count` transactions of `vsize_vb` in total, whose in-mempool ancestors
/// are `ancestors` and in-mempool parents `parents`; `removed` leaves at the same time.
struct Addition {
    std::int64_t count = 1;
    std::int64_t vsize_vb = 0;
    std::span<const TxId> parents;
    std::span<const TxId> ancestors;
    std::span<const TxId> removed;
    bool carve_out_eligible = false;  ///< a single non-TRUC tx (packages never use the carve-out)
};

std::optional<Reject> check_ancestry_limits(const Addition& add, const Mempool& pool);
std::optional<Reject> check_cluster_limits(const Addition& add, const Mempool& pool);
/// The family of the pool's rule set.
std::optional<Reject> check_limits(const Addition& add, const Mempool& pool);

}  // namespace models::bitcoin::mempool
