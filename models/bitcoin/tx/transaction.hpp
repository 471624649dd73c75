// A Bitcoin transaction at the level the simulator needs: who can spend each output (a spending
// policy), what each input proves (a witness: keys that signed, preimages revealed), its weight,
// fee, version (2, or 3 for TRUC, BIP431), nLockTime (BIP65 / consensus) and nSequence per input
// (BIP68 relative locks, BIP125 signalling). No scripts or signatures: the simulator asks who can
// spend, when, at what weight and fee, not whether the cryptography holds.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/bitcoin/units.hpp"

namespace models::bitcoin {

namespace policy {
struct Policy;  // models/bitcoin/policy/ast.hpp
}

using TxId = std::uint64_t;
/// A key or a hash preimage is named by an id; who holds it is the agents' business.
using KeyId = std::uint32_t;
using PreimageId = std::uint32_t;

struct Outpoint {
    TxId tx = 0;
    std::uint32_t index = 0;
    auto operator<=>(const Outpoint&) const = default;
};

struct TxOut {
    Sat value;
    /// Who may spend it, and when; null for outputs nobody in the simulation spends (background
    /// demand, anchors' anyone-can-spend after 16 blocks are modelled by their own policy).
    std::shared_ptr<const policy::Policy> policy;
};

/// What an input proves: the keys that signed and the preimages it reveals. The consensus check
/// (tx/consensus.hpp) decides whether that satisfies the spent output's policy at a height.
struct Witness {
    std::vector<KeyId> keys;
    std::vector<PreimageId> preimages;
};

/// nSequence values (BIP68, BIP125).
inline constexpr std::uint32_t sequence_final = 0xFFFFFFFF;
inline constexpr std::uint32_t sequence_rbf_max = 0xFFFFFFFD;  ///< <= this signals BIP125 replaceability
inline constexpr std::uint32_t sequence_disable_flag = 1u << 31;  ///< BIP68: no relative lock
inline constexpr std::uint32_t sequence_type_flag = 1u << 22;     ///< BIP68: 512 s units, not blocks
inline constexpr std::uint32_t sequence_mask = 0x0000FFFF;

struct TxIn {
    Outpoint prevout;
    std::uint32_t sequence = sequence_rbf_max;
    Witness witness;
};

struct Transaction {
    TxId id = 0;
    std::int32_t version = 2;  ///< 3 = TRUC (BIP431)
    std::uint32_t lock_time = 0;  ///< < 500,000,000: a height; otherwise a Unix time (BIP65)
    std::vector<TxIn> inputs;
    std::vector<TxOut> outputs;
    Weight weight;  ///< BIP141 weight, witness included
    Sat fee;        ///< sum of inputs minus sum of outputs (kept explicit: background txs spend nothing modelled)

    FeeRate fee_rate() const { return rate_of(fee, weight); }
    bool is_truc() const { return version == 3; }
};

/// BIP68 relative lock in blocks carried by `sequence`, or 0 when disabled or time-based.
constexpr std::uint32_t relative_lock_blocks(std::uint32_t sequence) {
    if (sequence & sequence_disable_flag) return 0;
    if (sequence & sequence_type_flag) return 0;
    return sequence & sequence_mask;
}

}  // namespace models::bitcoin
