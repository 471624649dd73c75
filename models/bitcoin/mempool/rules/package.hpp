// 1-parent-1-child packages (Core v28 policy/packages.h IsChildWithParents, and the 1p1c relay of
// doc/policy/packages.md): the child spends the parent, and the parent is the child's only
// unconfirmed parent. Such a package is judged by its combined feerate, so a parent below the
// dynamic minimum (and, if TRUC, below the minimum relay feerate, down to zero fee) enters with a
// child that pays for both: the commitment-with-anchor CPFP case.
#pragma once

#include <optional>

#include "models/bitcoin/mempool/reject.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::mempool {

class Mempool;

std::optional<Reject> check_package_shape(const Transaction& parent, const Transaction& child,
                                          const Mempool& pool);

/// Reasons for which the parent alone may still get in with its child's fees.
bool fee_related(RejectReason r, const Transaction& parent);

}  // namespace models::bitcoin::mempool
