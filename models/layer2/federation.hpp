// Threshold-custody peg (model M1 of shared/reference/layer2-designs.md): n keyholders of which k
// sign a peg-out, an optional emergency path (j of m keys after a timelock), peg-ins credited after
// d confirmations. Keyholders are agents with a corruption cost (lognormal, heterogeneous medians)
// and availability. A keyholder accepts an offer that covers its cost. With discriminating bribes
// the attacker pays the cheapest keyholders their own costs (C = sum of the k cheapest bribes, the
// design card's P-KEY); with posted bribes it pays the offer to each. Bribes are paid only if the
// attack succeeds.
#pragma once

#include <vector>

#include "models/layer2/layer2_params.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::layer2 {

/// n, k, emergency m and j, emergency delay and peg-in confirmations, resolved from a preset.
struct FederationShape {
    int signers, threshold, emergency_keys, emergency_threshold;
    int emergency_delay_blocks, pegin_confirmations;
};

/// Presets: Liquid 11-of-15, 2-of-3 after 4032 blocks [elements chainparams]; Rootstock PowPeg
/// 5-of-9, 3-of-4 after 52,560 [BitcoinLayers; RSKIP201]; sBTC 10-of-14 [sbtc #624]; tBTC
/// 51-of-100 [Threshold docs]. Peg-in depth 100 for Liquid and Rootstock; 6 for sBTC and tBTC
/// (an input: the reference does not state theirs).
FederationShape shape_of(const PegParams& p);

/// The median corruption cost of keyholder i of n: log-spaced from median/spread to median*spread.
double median_cost_btc(const PegParams& p, int i, int n);

class Keyholder {
public:
    Keyholder(double cost_btc, bool online) : cost_btc_(cost_btc), online_(online) {}
    bool online() const { return online_; }
    /// Signs for the attacker (or refuses to sign for the owners) when the offer covers its cost.
    bool accepts(double offer_btc) const { return online_ && offer_btc >= cost_btc_; }
    double cost_btc() const { return cost_btc_; }

private:
    double cost_btc_;
    bool online_;
};

struct BriberyResult {
    bool success = false;
    int keys_corrupted = 0;
    double bribes_btc = 0.0;
};

class Federation {
public:
    Federation(const PegParams& p, sim::RngStream& rng);
    const FederationShape& shape() const { return shape_; }

    /// Theft: k keyholders must sign; the attacker pays the k it needs.
    BriberyResult steal(double offer_btc) const;
    /// Freeze: n - k + 1 must not sign; offline keyholders count, the rest are bribed to refuse.
    BriberyResult freeze(double offer_btc) const;
    /// Halt until the emergency path opens, then corrupt j of its m keys.
    BriberyResult halt_then_emergency(double offer_btc) const;

private:
    /// The `needed` cheapest acceptances of `offer_btc` and what they cost; failure if too few.
    BriberyResult corrupt(const std::vector<Keyholder>& keys, int needed, double offer_btc) const;

    FederationShape shape_;
    bool posted_;
    std::vector<Keyholder> signers_, emergency_;
};

}  // namespace models::layer2
