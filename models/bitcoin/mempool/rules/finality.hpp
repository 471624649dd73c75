// Finality of nLockTime and BIP68 relative locks, checked locally (the consensus helper of
// tx/consensus.hpp may not be linked here). Rules: consensus IsFinalTx (nLockTime below 500,000,000
// is a height, else a Unix time; final when below the block's height / median time past, or when
// every input's nSequence is final; BIP65), and BIP68 (version >= 2; an input without the disable
// flag waits `n` blocks after the block that confirmed its coin). The mempool applies them at
// tip + 1 (Core's CheckFinalTxAtTip / CheckSequenceLocksAtTip), templates at their own height.
// Time-based relative locks (BIP68 type flag) are not modelled: such a transaction is never final.
#pragma once

#include <optional>

#include "models/bitcoin/mempool/reject.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::mempool {

class Mempool;

inline constexpr std::uint32_t locktime_threshold = 500'000'000;  ///< BIP65 / consensus

/// Whether `tx` may be in a block at `height` whose median time past is `mtp_s`. Coins created in
/// the mempool (or by `unconfirmed_parent`) count as confirmed in that same block.
bool final_at(const Transaction& tx, const Mempool& pool, Height height, double mtp_s,
              const Transaction* unconfirmed_parent = nullptr);

/// True when `tx` is final at every height and time, whatever its inputs' coins: nLockTime 0 (or
/// every nSequence final), and no input under a BIP68 lock (version 1, or every input with the
/// disable flag or a zero block count). Templates skip the finality check for such transactions.
bool never_locked(const Transaction& tx);

/// Acceptance check: final in the next block.
std::optional<Reject> check_finality(const Transaction& tx, const Mempool& pool,
                                     const Transaction* unconfirmed_parent = nullptr);

}  // namespace models::bitcoin::mempool
