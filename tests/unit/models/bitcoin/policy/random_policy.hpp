// Random policies for property tests, drawn from the engine's counter-based streams so a failure
// reproduces from its seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "sim/random/rng_stream.hpp"

namespace policy_test {

using namespace models::bitcoin::policy;

inline std::uint32_t below(sim::RngStream& rng, std::uint32_t n) {
    return static_cast<std::uint32_t>(rng.next_u64() % n);
}

/// Declares keys k0..k{keys-1} and preimages h0..h{preimages-1} (built piecewise: GCC 12 warns
/// falsely on "k" + std::to_string(i), -Wrestrict, bug 105329).
inline void declare_names(SymbolTable& s, int keys, int preimages) {
    for (int i = 0; i < keys; ++i) {
        std::string name = "k";
        name.append(std::to_string(i));
        s.key(name);
    }
    for (int i = 0; i < preimages; ++i) {
        std::string name = "h";
        name.append(std::to_string(i));
        s.preimage(name);
    }
}

/// A policy over keys 0..keys-1 and preimages 0..preimages-1, at most `depth` levels deep.
inline Policy random_policy(sim::RngStream& rng, int depth, std::uint32_t keys,
                            std::uint32_t preimages) {
    const std::uint32_t kind = below(rng, depth > 0 ? 7 : 4);
    switch (kind) {
        case 0:
            return pk(below(rng, keys));
        case 1:
            return sha256(below(rng, preimages));
        case 2:  // heights, and now and then a Unix time (BIP65 threshold 500,000,000)
            return after(below(rng, 4) == 0 ? 500'000'000 + below(rng, 1000) : 1 + below(rng, 300));
        case 3:
            return older(1 + below(rng, 300));
        default: {
            const std::uint32_t n = 1 + below(rng, 4);
            std::vector<Policy> subs;
            for (std::uint32_t i = 0; i < n; ++i)
                subs.push_back(random_policy(rng, depth - 1, keys, preimages));
            return thresh(1 + below(rng, n), std::move(subs));
        }
    }
}

}  // namespace policy_test
