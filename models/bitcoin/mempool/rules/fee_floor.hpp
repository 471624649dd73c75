// Fee floors at acceptance (Core v28 validation.cpp PreChecks / CheckFeeRate):
//  - the static minimum relay feerate applies to every non-TRUC transaction, even inside a package
//    (Bitcoin Core 28.0 wallet integration guide, bitcoinops.org: "unless a transaction is a TRUC
//    transaction, every transaction must still meet a static 1 sat/vB minimum");
//  - the dynamic minimum (raised by evictions, txmempool.cpp GetMinFee) applies to a transaction
//    alone, or to a 1p1c package's combined feerate (doc/policy/packages.md).
#pragma once

#include <optional>

#include "models/bitcoin/mempool/feerate_diagram.hpp"
#include "models/bitcoin/mempool/reject.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::mempool {

class Mempool;

/// The static floor: skipped for TRUC transactions evaluated inside a package.
std::optional<Reject> check_min_relay(const Transaction& tx, const Mempool& pool, bool in_package);

/// The dynamic floor for what is paid: one transaction, or a package's total.
std::optional<Reject> check_mempool_min_fee(FeeFrac paid, const Mempool& pool);

}  // namespace models::bitcoin::mempool
