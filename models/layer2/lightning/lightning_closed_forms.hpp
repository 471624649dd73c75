// Closed forms for the Lightning attacks (derived in the README, "Lightning").
#pragma once

#include <vector>

#include "models/layer2/layer2_params.hpp"

namespace models::layer2::lightning_forms {

/// Justice fee (BTC) the victim can pay: fixed (pre-signed tower) or the channel value (bumping).
double justice_fee_btc(const LightningParams& p);
/// Timelocked bribing: miner i withholds the justice tx iff lambda_i * bribe > fee (it expects
/// lambda_i of the bribe, paid after the window, against the fee now). P(success) = (sum of the
/// accepting shares)^T; all accept iff bribe > fee / lambda_min.
double bribery_success(const std::vector<double>& shares, double bribe_btc, double fee_btc, int window_blocks);
/// Flood & Loot capacity: HTLC claims the window can confirm, D * floor(phi * W / w_claim), with
/// phi the share of each block the victims win (1 if they outbid competing demand, else 1 - share).
double flood_capacity(const LightningParams& p, int window_blocks, bool victims_outbid);
/// HTLCs stolen by Flood & Loot when commitments confirm within the broadcast lead time.
double flood_stolen(const LightningParams& p);

}  // namespace models::layer2::lightning_forms
