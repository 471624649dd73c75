// Bitcoin's units as strong types: amounts in satoshis, weight in weight units, fee rates in sat/vB,
// heights in blocks. The only BTC<->sat and WU<->vB conversions in the code base live here, so a
// unit slip is a compile error rather than a factor of 4 or 1e8 in a result.
// Sources: BIP141 (weight = 3 x base size + total size; vsize = ceil(weight / 4)); Bitcoin Core
// policy/policy.h (GetVirtualTransactionSize rounds up).
#pragma once

#include <compare>
#include <cstdint>

namespace models::bitcoin {

inline constexpr std::int64_t sat_per_btc = 100'000'000;
inline constexpr std::int64_t wu_per_vbyte = 4;

/// An amount of bitcoin in satoshis (signed: a balance or a difference may be negative).
struct Sat {
    std::int64_t value = 0;
    auto operator<=>(const Sat&) const = default;
    constexpr Sat& operator+=(Sat o) { value += o.value; return *this; }
    constexpr Sat& operator-=(Sat o) { value -= o.value; return *this; }
    friend constexpr Sat operator+(Sat a, Sat b) { return Sat{a.value + b.value}; }
    friend constexpr Sat operator-(Sat a, Sat b) { return Sat{a.value - b.value}; }
    constexpr double btc() const { return static_cast<double>(value) / sat_per_btc; }
};

/// Rounds to the nearest satoshi.
constexpr Sat from_btc(double btc) {
    const double s = btc * sat_per_btc;
    return Sat{static_cast<std::int64_t>(s < 0 ? s - 0.5 : s + 0.5)};
}

/// Transaction or block weight in weight units (BIP141); a block holds at most 4,000,000 WU.
struct Weight {
    std::int64_t wu = 0;
    auto operator<=>(const Weight&) const = default;
    constexpr Weight& operator+=(Weight o) { wu += o.wu; return *this; }
    constexpr Weight& operator-=(Weight o) { wu -= o.wu; return *this; }
    friend constexpr Weight operator+(Weight a, Weight b) { return Weight{a.wu + b.wu}; }
    friend constexpr Weight operator-(Weight a, Weight b) { return Weight{a.wu - b.wu}; }
    /// Virtual size in vbytes, rounded up as Bitcoin Core does.
    constexpr std::int64_t vbytes() const { return (wu + wu_per_vbyte - 1) / wu_per_vbyte; }
};

constexpr Weight from_vbytes(std::int64_t vb) { return Weight{vb * wu_per_vbyte}; }

inline constexpr Weight max_block_weight{4'000'000};  ///< BIP141 consensus limit

/// A fee rate in sat/vB (Bitcoin Core's user-facing unit; its CFeeRate is sat/kvB = 1000 x this).
struct FeeRate {
    double sat_vb = 0.0;
    auto operator<=>(const FeeRate&) const = default;
    /// The fee this rate charges for `w`, rounded up to a whole satoshi (CFeeRate::GetFee).
    Sat fee_for(Weight w) const {
        const double f = sat_vb * static_cast<double>(w.vbytes());
        const auto whole = static_cast<std::int64_t>(f);
        return Sat{whole + (static_cast<double>(whole) < f ? 1 : 0)};
    }
};

/// The rate a fee pays over a weight (0 for an empty weight).
constexpr FeeRate rate_of(Sat fee, Weight w) {
    return FeeRate{w.wu > 0 ? static_cast<double>(fee.value) / static_cast<double>(w.vbytes()) : 0.0};
}

/// A block height (the genesis block is height 0).
using Height = std::uint32_t;

}  // namespace models::bitcoin
