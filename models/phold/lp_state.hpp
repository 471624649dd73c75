// The 16 bytes of state every standard-PHOLD event reads and writes, and a digest of all LPs'
// states. Header-only and C++17, because the bench's ns-3 PHOLD (built as C++17: ns-3 3.37's
// headers do not compile as C++20) shares it with l2sim's model.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/time.hpp"

namespace models::phold {

struct LpState {
    std::uint64_t events = 0;  ///< events this LP has handled
    sim::Tick last_event = 0;  ///< time of the last one: read to check causality, then written
};

/// FNV-1a over the states' words, LP by LP: equal digests mean two engines ran the same events in
/// the same order (as far as any LP's count and last time can tell).
inline std::uint64_t lp_digest(const std::vector<LpState>& states) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const LpState& s : states) {
        h = (h ^ s.events) * 0x100000001b3ULL;
        h = (h ^ static_cast<std::uint64_t>(s.last_event)) * 0x100000001b3ULL;
    }
    return h;
}

}  // namespace models::phold
