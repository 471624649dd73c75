// Builds transactions as data, presigned ones included: each input spends an output along a
// policy Path, which fixes its witness (the keys that sign, the preimages it reveals), its
// nSequence (the path's older(), BIP68/BIP112) and a floor on nLockTime (the path's after(),
// BIP65). Weight is the BIP141 weight of a segwit transaction with P2WSH/P2TR-sized outputs, and
// the fee is inputs minus outputs.
#pragma once

#include <memory>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/path.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

/// Non-witness bytes (BIP141 base size): version 4 + input count 1 + outputs count 1 + nLockTime 4;
/// per input outpoint 36 + empty scriptSig 1 + nSequence 4; per output value 8 + script length 1 +
/// a 34-byte P2WSH or P2TR scriptPubKey. The segwit marker and flag add 2 witness bytes.
inline constexpr std::int64_t tx_overhead_bytes = 10;
inline constexpr std::int64_t input_base_bytes = 41;
inline constexpr std::int64_t output_bytes = 43;
inline constexpr std::int64_t segwit_marker_bytes = 2;

class TxBuilder {
public:
    explicit TxBuilder(TxId id) { tx_.id = id; }

    TxBuilder& version(std::int32_t v) {
        tx_.version = v;
        return *this;
    }
    /// Sets nLockTime; a spend along a path with after() raises it to at least that value.
    TxBuilder& lock_time(std::uint32_t t) {
        tx_.lock_time = std::max(tx_.lock_time, t);
        return *this;
    }

    /// Spends `prevout` (holding `spent`) along `path`. `sequence` is the nSequence to use when the
    /// path has no older(). The default 0xFFFFFFFD signals BIP125 replaceability, has the BIP68
    /// disable flag (bit 31) set so no relative lock applies, and is not final, so nLockTime holds.
    TxBuilder& spend(const Outpoint& prevout, const TxOut& spent, const policy::Path& path,
                     std::uint32_t sequence = sequence_rbf_max);

    /// Pays `value` to an output spendable under `policy`.
    TxBuilder& pay(Sat value, std::shared_ptr<const policy::Policy> policy);
    TxBuilder& pay(Sat value, policy::Policy policy);

    /// The transaction: fee = inputs - outputs, weight as above.
    Transaction build() const;

private:
    Transaction tx_;
    Sat in_sum_{0};
    Weight witness_{0};
};

}  // namespace models::bitcoin
