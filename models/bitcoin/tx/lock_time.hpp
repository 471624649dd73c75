// Timelock rules of consensus, one function per rule: absolute finality (nLockTime against height
// or median time past, BIP65/BIP113), relative locks (nSequence against the spent output's age,
// BIP68), and the two script checks a policy's after()/older() leaves stand for
// (OP_CHECKLOCKTIMEVERIFY, BIP65; OP_CHECKSEQUENCEVERIFY, BIP112). Reference: Bitcoin Core
// consensus/tx_verify.cpp (IsFinalTx, CalculateSequenceLocks) and script/interpreter.cpp
// (CheckLockTime, CheckSequence).
#pragma once

#include <cstdint>

#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/units.hpp"

namespace models::bitcoin {

/// BIP65 LOCKTIME_THRESHOLD: nLockTime below it is a height, at or above it a Unix time.
inline constexpr std::uint32_t lock_time_threshold = 500'000'000;
/// BIP68: a time-based relative lock counts units of 2^9 = 512 seconds.
inline constexpr int sequence_granularity_bits = 9;

/// IsFinalTx: nLockTime 0, or below the block's height (height locks) or the previous block's
/// median time past (time locks, BIP113), or every input's nSequence final.
bool is_final(const Transaction& tx, Height height, std::int64_t mtp_s);

/// When a spent output confirmed: its block's height and the median time past of the block
/// before that one, from which BIP68 counts time-based relative locks.
struct CoinTime {
    Height height = 0;
    std::int64_t mtp_s = 0;
};

/// BIP68 for one input (transactions of version >= 2 only; the disable flag switches it off):
/// a block lock n is met when coin.height + n - 1 < height, a time lock of n units when
/// coin.mtp_s + n * 512 - 1 < mtp_s.
bool relative_lock_met(const Transaction& tx, const TxIn& in, const CoinTime& coin, Height height,
                       std::int64_t mtp_s);

/// OP_CHECKLOCKTIMEVERIFY with argument `lock`: nLockTime of the same kind and >= lock, and the
/// input's nSequence not final (a final sequence would switch nLockTime off).
bool cltv_passes(std::uint32_t lock, const Transaction& tx, const TxIn& in);

/// OP_CHECKSEQUENCEVERIFY with a block count `blocks`: version >= 2, the input's relative lock
/// enabled, counting blocks, and at least `blocks`. Consensus then enforces that nSequence
/// through relative_lock_met.
bool csv_passes(std::uint32_t blocks, const Transaction& tx, const TxIn& in);

}  // namespace models::bitcoin
