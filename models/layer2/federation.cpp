// See federation.hpp.
#include "models/layer2/federation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random/distributions.hpp"

namespace models::layer2 {

FederationShape shape_of(const PegParams& p) {
    if (p.preset == "liquid") return {15, 11, 3, 2, 4032, 100};
    if (p.preset == "rootstock") return {9, 5, 4, 3, 52560, 100};
    if (p.preset == "sbtc") return {14, 10, 0, 0, 0, 6};
    if (p.preset == "tbtc") return {100, 51, 0, 0, 0, 6};
    return {static_cast<int>(p.signers), static_cast<int>(p.threshold), static_cast<int>(p.emergency_keys),
            static_cast<int>(p.emergency_threshold), static_cast<int>(p.emergency_delay_blocks),
            static_cast<int>(p.pegin_confirmations)};
}

double median_cost_btc(const PegParams& p, int i, int n) {
    const double position = n > 1 ? 2.0 * i / (n - 1) - 1.0 : 0.0;  // -1 .. 1
    return p.signer_cost_median_btc * std::pow(p.signer_cost_spread, position);
}

namespace {

std::vector<Keyholder> draw_keys(const PegParams& p, int n, sim::RngStream& rng) {
    std::vector<Keyholder> keys;
    for (int i = 0; i < n; ++i) {
        const double cost = sim::random::lognormal(rng, std::log(median_cost_btc(p, i, n)), p.signer_cost_sigma);
        keys.emplace_back(cost, sim::random::bernoulli(rng, p.availability));
    }
    return keys;
}

}  // namespace

Federation::Federation(const PegParams& p, sim::RngStream& rng) : shape_(shape_of(p)), posted_(p.bribe_mode == "posted") {
    signers_ = draw_keys(p, shape_.signers, rng);
    emergency_ = draw_keys(p, shape_.emergency_keys, rng);
}

BriberyResult Federation::corrupt(const std::vector<Keyholder>& keys, int needed, double offer_btc) const {
    if (needed <= 0) return {true, 0, 0.0};
    std::vector<double> costs;
    for (const auto& k : keys)
        if (k.accepts(offer_btc)) costs.push_back(k.cost_btc());
    if (static_cast<int>(costs.size()) < needed) return {};
    std::partial_sort(costs.begin(), costs.begin() + needed, costs.end());
    double paid = 0.0;
    for (int i = 0; i < needed; ++i) paid += posted_ ? offer_btc : costs[static_cast<std::size_t>(i)];
    return {true, needed, paid};
}

BriberyResult Federation::steal(double offer_btc) const { return corrupt(signers_, shape_.threshold, offer_btc); }

BriberyResult Federation::freeze(double offer_btc) const {
    int offline = 0;
    for (const auto& s : signers_) offline += !s.online();
    return corrupt(signers_, shape_.signers - shape_.threshold + 1 - offline, offer_btc);
}

BriberyResult Federation::halt_then_emergency(double offer_btc) const {
    if (shape_.emergency_keys == 0) return {};
    const BriberyResult halt = freeze(offer_btc);
    if (!halt.success) return {};
    const BriberyResult keys = corrupt(emergency_, shape_.emergency_threshold, offer_btc);
    if (!keys.success) return {};
    return {true, halt.keys_corrupted + keys.keys_corrupted, halt.bribes_btc + keys.bribes_btc};
}

}  // namespace models::layer2
