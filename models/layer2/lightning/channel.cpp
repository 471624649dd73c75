// See channel.hpp.
#include "models/layer2/lightning/channel.hpp"

#include <algorithm>
#include <cmath>

namespace models::layer2 {

ChannelPolicy policy_of(const LightningParams& p) {
    if (p.implementation == "lnd") {
        constexpr double max_channel_sat = 16'777'215.0;
        const double scaled = 2016.0 * p.channel_capacity_btc * 1e8 / max_channel_sat;
        return {static_cast<int>(std::clamp(std::round(scaled), 144.0, 2016.0)), 80, 16, 483};
    }
    if (p.implementation == "cln") return {144, 34, 18, 30};
    if (p.implementation == "eclair") return {720, 144, 18, 30};
    return {static_cast<int>(p.to_self_delay_blocks), static_cast<int>(p.cltv_expiry_delta_blocks),
            static_cast<int>(p.broadcast_delta_blocks), static_cast<int>(p.max_accepted_htlcs)};
}

Channel::Channel(const LightningParams& p, std::uint32_t) : policy_(policy_of(p)), capacity_btc_(p.channel_capacity_btc) {}

bool Channel::add_htlc(std::uint32_t expiry_height, double value_btc, bool offered_by_victim) {
    if (static_cast<int>(htlcs_.size()) >= policy_.max_accepted_htlcs) return false;
    htlcs_.push_back({expiry_height, value_btc, offered_by_victim});
    return true;
}

}  // namespace models::layer2
