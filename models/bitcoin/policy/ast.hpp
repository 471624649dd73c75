// A spending policy over key and preimage ids: who can spend an output, and when. "and" and "or"
// are thresholds (n-of-n and 1-of-n), so every analysis has one recursive case; rust-miniscript's
// semantic policy (src/policy/semantic.rs) makes the same choice. The simulator needs who can
// spend, when and at what weight, not the script or the cryptography, so leaves hold ids only.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "models/bitcoin/tx/lock_time.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::policy {

/// Miniscript (BIP379) bounds for after(n): 1 <= n < 2^31.
inline constexpr std::uint32_t max_after = 0x7FFFFFFF;
/// older(n) counts blocks only: BIP68 keeps 16 bits of relative lock (sequence_mask).
inline constexpr std::uint32_t max_older_blocks = 0xFFFF;

struct Policy;

/// pk(K): a signature by key K.
struct Key {
    KeyId key = 0;
    bool operator==(const Key&) const = default;
};

/// sha256(H): the preimage of hash H (an HTLC's payment secret).
struct Hash {
    PreimageId preimage = 0;
    bool operator==(const Hash&) const = default;
};

/// after(n): OP_CHECKLOCKTIMEVERIFY (BIP65). A height when n < lock_time_threshold, else a Unix
/// time.
struct After {
    std::uint32_t lock = 0;
    bool is_time() const { return lock >= lock_time_threshold; }
    bool operator==(const After&) const = default;
};

/// older(n): OP_CHECKSEQUENCEVERIFY (BIP112) for n blocks of the spent output's age (BIP68).
struct Older {
    std::uint32_t blocks = 0;
    bool operator==(const Older&) const = default;
};

/// thresh(k, subs...): at least k of the subs; and = n-of-n, or = 1-of-n.
struct Thresh {
    std::uint32_t k = 0;
    std::vector<Policy> subs;
    bool operator==(const Thresh& o) const;
};

struct Policy {
    std::variant<Key, Hash, After, Older, Thresh> node;
    bool operator==(const Policy&) const = default;
};

inline bool Thresh::operator==(const Thresh& o) const {
    return k == o.k && subs == o.subs;
}

inline Policy pk(KeyId k) {
    return Policy{Key{k}};
}
inline Policy sha256(PreimageId h) {
    return Policy{Hash{h}};
}
inline Policy after(std::uint32_t lock) {
    return Policy{After{lock}};
}
inline Policy older(std::uint32_t blocks) {
    return Policy{Older{blocks}};
}
inline Policy thresh(std::uint32_t k, std::vector<Policy> subs) {
    return Policy{Thresh{k, std::move(subs)}};
}
/// and(a, b, ...): every sub.
inline Policy all_of(std::vector<Policy> subs) {
    const auto n = static_cast<std::uint32_t>(subs.size());
    return thresh(n, std::move(subs));
}
/// or(a, b, ...): any one sub.
inline Policy any_of(std::vector<Policy> subs) {
    return thresh(1, std::move(subs));
}

}  // namespace models::bitcoin::policy
