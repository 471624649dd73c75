// Lightning parameters (model M4 of shared/reference/layer2-designs.md): implementation presets
// for the timelocks, HTLC limits and fee policy, the watcher, and the block-space market
// the on-chain dispute runs in (the miners who build templates: miner_params.hpp). Every default is an input.
#pragma once

#include <cstdint>
#include <string>

#include "sim/params/field.hpp"

namespace models::layer2 {

struct LightningParams {
    std::string implementation = "lnd";
    double channel_capacity_btc = 0.1;
    std::int64_t to_self_delay_blocks = 144;
    std::int64_t cltv_expiry_delta_blocks = 80;
    std::int64_t broadcast_delta_blocks = 16;
    std::int64_t max_accepted_htlcs = 483;
    bool anchors = true;
    std::string watcher = "tower_fixed";
    double victim_availability = 0.99;
    double fixed_fee_rate_sat_vb = 10.0;
    double justice_vbytes = 300.0;
    double htlc_claim_vbytes = 175.0;
    double commitment_vbytes = 300.0;
    std::int64_t channels = 100;
    std::int64_t htlcs_per_channel = 10;
    double htlc_value_btc = 0.001;
    double competing_share = 0.5;
    double competing_share_sd = 0.0;
    double competing_fee_rate_sat_vb = 20.0;
    double dilation_s_per_block = 300.0;
    double eclipse_hours_limit = 24.0;

    template <class V>
    void describe(V& v) {
        v.field("implementation", implementation, "-",
                "lnd: to_self_delay 144..2016 by capacity, cltv_expiry_delta 80, broadcast 16, 483 HTLCs; cln: 144, "
                "34, 18, 30; eclair: 720, 144, 18, 30; custom: the keys below",
                sim::one_of({"lnd", "cln", "eclair", "custom"}));
        v.field("channel_capacity_btc", channel_capacity_btc, "BTC", "channel capacity (value a revoked state steals)",
                sim::positive());
        v.field("to_self_delay_blocks", to_self_delay_blocks, "blocks", "custom: CSV on to_local (BOLT #3)", sim::at_least(1));
        v.field("cltv_expiry_delta_blocks", cltv_expiry_delta_blocks, "blocks", "custom: HTLC expiry delta (BOLT #7)",
                sim::at_least(1));
        v.field("broadcast_delta_blocks", broadcast_delta_blocks, "blocks",
                "custom: blocks before expiry a node goes on-chain (BOLT #2 suggests 18)", sim::non_negative());
        v.field("max_accepted_htlcs", max_accepted_htlcs, "HTLCs", "custom: per channel (483 by BOLT #2)", sim::at_least(1));
        v.field("anchors", anchors, "-", "anchor outputs (330 sat, BOLT #3): CPFP fee bumping of HTLC claims");
        v.field("watcher", watcher, "-",
                "victim: the victim itself, online with victim_availability; tower_fixed: a tower with a "
                "pre-signed justice at fixed_fee_rate (LND: 10 sat/vB); tower_bump: bumps up to the value at stake",
                sim::one_of({"victim", "tower_fixed", "tower_bump"}));
        v.field("victim_availability", victim_availability, "1", "probability the victim is online in a block",
                sim::in_range(0.0, 1.0));
        v.field("fixed_fee_rate_sat_vb", fixed_fee_rate_sat_vb, "sat/vB", "fee rate of pre-signed transactions",
                sim::positive());
        v.field("justice_vbytes", justice_vbytes, "vB", "justice transaction size", sim::positive());
        v.field("htlc_claim_vbytes", htlc_claim_vbytes, "vB", "one HTLC-timeout claim", sim::positive());
        v.field("commitment_vbytes", commitment_vbytes, "vB", "a commitment transaction", sim::positive());
        v.field("channels", channels, "channels", "Flood & Loot: victim channels", sim::at_least(1));
        v.field("htlcs_per_channel", htlcs_per_channel, "HTLCs", "Flood & Loot: HTLCs per channel", sim::at_least(1));
        v.field("htlc_value_btc", htlc_value_btc, "BTC", "value of one HTLC", sim::positive());
        v.field("competing_share", competing_share, "1",
                "share of each block taken by other users' demand at competing_fee_rate", sim::in_range(0.0, 1.0));
        v.field("competing_share_sd", competing_share_sd, "1", "block-to-block sd of that share (0: constant)",
                sim::in_range(0.0, 1.0));
        v.field("competing_fee_rate_sat_vb", competing_fee_rate_sat_vb, "sat/vB", "fee rate of competing demand",
                sim::non_negative());
        v.field("dilation_s_per_block", dilation_s_per_block, "s", "time dilation: delay added to each block to the victim",
                sim::non_negative());
        v.field("eclipse_hours_limit", eclipse_hours_limit, "h", "time dilation: longest eclipse the attacker holds",
                sim::positive());
    }
};

}  // namespace models::layer2
