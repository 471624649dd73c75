// See lightning_closed_forms.hpp.
#include "models/layer2/lightning/lightning_closed_forms.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/layer2/lightning/channel.hpp"

namespace models::layer2::lightning_forms {

namespace {
constexpr double block_vbytes = 1'000'000.0;  // 4,000,000 WU / 4 (BIP141)
}

double justice_fee_btc(const LightningParams& p) {
    if (p.watcher == "tower_fixed") return p.fixed_fee_rate_sat_vb * p.justice_vbytes * 1e-8;
    return p.channel_capacity_btc;  // scorched earth: the victim burns up to the value at stake
}

double bribery_success(const std::vector<double>& shares, double bribe_btc, double fee_btc, int window_blocks) {
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    double accepting = 0.0;
    for (double s : shares)
        if (s / total * bribe_btc > fee_btc) accepting += s / total;
    return std::pow(accepting, window_blocks);
}

double flood_capacity(const LightningParams& p, int window_blocks, bool victims_outbid) {
    const double phi = victims_outbid ? 1.0 : 1.0 - p.competing_share;
    return window_blocks * std::floor(phi * block_vbytes / p.htlc_claim_vbytes);
}

double flood_stolen(const LightningParams& p) {
    const ChannelPolicy pol = policy_of(p);
    const double n = static_cast<double>(p.channels) * std::min<double>(p.htlcs_per_channel, pol.max_accepted_htlcs);
    const double max_rate = p.anchors ? std::max(p.fixed_fee_rate_sat_vb, p.htlc_value_btc * 1e8 / p.htlc_claim_vbytes)
                                      : p.fixed_fee_rate_sat_vb;
    const bool outbid = max_rate > p.competing_fee_rate_sat_vb || p.competing_share == 0.0;
    return std::max(0.0, n - flood_capacity(p, pol.cltv_expiry_delta_blocks, outbid));
}

}  // namespace models::layer2::lightning_forms
