// Keys of the `lightning` model: the world, the channels under dispute (an implementation preset
// with per-key overrides), the honest parties (the victim node and its watchtower) and the
// adversary's primitives. Every attack is a combination of primitives with a budget; a primitive
// with no budget takes no part.
#pragma once

#include <cstdint>
#include <string>

#include "models/adversary/censor.hpp"
#include "models/adversary/congest.hpp"
#include "models/adversary/pin.hpp"
#include "models/adversary/replacement_cycle.hpp"
#include "models/adversary/time_dilation.hpp"
#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/lightning/htlc_holder.hpp"
#include "models/layer2/lightning/revoked_broadcaster.hpp"
#include "models/layer2/lightning/watchtower.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::lightning {

struct ChannelParams {
    std::string contested = "revoked_state";
    std::string implementation = "lnd";
    double capacity_btc = 0.1;
    std::int64_t channels = 1;
    std::int64_t htlcs_per_channel = 1;
    double htlc_value_btc = 0.01;
    double commitment_fee_rate_sat_vb = 2.0;
    std::string format = "preset";
    std::int64_t to_self_delay_blocks = 0;
    std::int64_t cltv_expiry_delta_blocks = 0;
    std::int64_t rebroadcast_interval_blocks = 0;
    std::string scan_mempool = "preset";
    std::int64_t dispute_start_blocks = 6;

    template <class V>
    void describe(V& v) {
        v.field("contested", contested, "-",
                "revoked_state: M broadcasts a revoked commitment, V's tower must confirm justice "
                "within "
                "to_self_delay; htlc: V must time out the HTLCs it offered M before its upstream "
                "deadline",
                sim::one_of({"revoked_state", "htlc"}));
        v.field("implementation", implementation, "-",
                "preset of the victim's implementation: lnd, cln, eclair, ldk",
                sim::one_of({"lnd", "cln", "eclair", "ldk"}));
        v.field("capacity_btc", capacity_btc, "BTC", "channel capacity",
                sim::in_range(0.0002, 100.0));
        v.field("channels", channels, "channels",
                "channels of the victim with the adversary (Flood & Loot: many)",
                sim::in_range(1, 100'000));
        v.field("htlcs_per_channel", htlcs_per_channel, "HTLCs",
                "HTLCs V offered M per channel (htlc only)", sim::in_range(0, 483));
        v.field("htlc_value_btc", htlc_value_btc, "BTC", "value of one HTLC",
                sim::in_range(0.000'01, 10.0));
        v.field("commitment_fee_rate_sat_vb", commitment_fee_rate_sat_vb, "sat/vB",
                "fee rate presigned into commitments (and legacy HTLC transactions; update_fee)",
                sim::positive());
        v.field("format", format, "-", "commitment format: preset, legacy, anchors, zero_fee_truc",
                sim::one_of({"preset", "legacy", "anchors", "zero_fee_truc"}));
        v.field("to_self_delay_blocks", to_self_delay_blocks, "blocks",
                "CSV on to_local (0: the preset's)", sim::in_range(0, 65535));
        v.field("cltv_expiry_delta_blocks", cltv_expiry_delta_blocks, "blocks",
                "blocks from HTLC expiry to the upstream deadline (0: the preset's)",
                sim::in_range(0, 65535));
        v.field("rebroadcast_interval_blocks", rebroadcast_interval_blocks, "blocks",
                "the victim re-sends a missing claim every this many blocks (0: the preset's)",
                sim::in_range(0, 1000));
        v.field("scan_mempool", scan_mempool, "-",
                "the victim scans its mempool for preimages: preset, yes, no",
                sim::one_of({"preset", "yes", "no"}));
        v.field(
            "dispute_start_blocks", dispute_start_blocks, "blocks",
            "blocks of background demand before the dispute begins (the world starts with an empty "
            "mempool; the dispute should start into a backlog)",
            sim::in_range(0, 10'000));
    }
};

struct LightningAdversaryParams {
    adversary::CensorParams censor;
    adversary::CongestParams congest;
    ThiefParams thief;
    adversary::TimeDilationParams dilation;
    adversary::PinParams pin;
    adversary::ReplacementCycleParams cycle;
    double watch_s = 5.0;
    double funding_fee_rate_sat_vb = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("watch_s", watch_s, "s",
                "how often the adversary looks at its mempool for the honest spend that starts its "
                "congestion",
                sim::positive());
        v.field("funding_fee_rate_sat_vb", funding_fee_rate_sat_vb, "sat/vB",
                "fee rate of the funding transactions of the channels the adversary opens to route "
                "its HTLCs into the victim, one of channel.capacity_btc per channel.channels (htlc "
                "only; 0: those channels are not modelled and cost nothing)",
                sim::non_negative());
        v.section("censor", censor);
        v.section("congest", congest);
        v.section("thief", thief);
        v.section("dilation", dilation);
        v.section("pin", pin);
        v.section("cycle", cycle);
    }
};

struct LightningWorldParams {
    bitcoin::WorldParams world;
    ChannelParams channel;
    HtlcHolderParams victim;
    WatchtowerParams tower;
    LightningAdversaryParams adversary;

    template <class V>
    void describe(V& v) {
        v.section("world", world);
        v.section("channel", channel);
        v.section("victim", victim);
        v.section("tower", tower);
        v.section("adversary", adversary);
    }
};

/// The preset of channel.implementation with the channel keys' overrides applied.
ImplementationPreset resolved_preset(const ChannelParams& c);

}  // namespace models::layer2::lightning
