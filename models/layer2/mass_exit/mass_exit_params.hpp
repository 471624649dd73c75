// Keys of the `mass_exit` model: the world, the Ark rounds whose users all exit at once (their
// exit tree comes from a design file's [tree.<name>]) and the Lightning channels force-closed in
// the same blocks, each with HTLCs its honest side must time out before its upstream deadline.
#pragma once

#include <cstdint>
#include <string>

#include "models/bitcoin/world/world_params.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::mass_exit {

struct ArkExitParams {
    std::string design = "designs/ark_exit_tree.toml";
    std::string tree = "round";
    std::int64_t rounds = 1;
    std::int64_t round_age_blocks = 4032;
    double fee_rate_sat_vb = 10.0;
    double bump_step_sat_vb = 10.0;
    double max_fee_rate_sat_vb = 500.0;

    template <class V>
    void describe(V& v) {
        v.field("design", design, "-",
                "design file holding the exit tree (relative to the working directory)");
        v.field("tree", tree, "-", "name of the [tree.<name>] section in the design file");
        v.field("rounds", rounds, "rounds",
                "rounds whose users all exit; Ark users = rounds x the tree's users (0: none)",
                sim::in_range(0, 100'000));
        v.field(
            "round_age_blocks", round_age_blocks, "blocks",
            "blocks from the rounds' confirmation to the server's failure; the exit window is the "
            "tree's lifetime_blocks minus this",
            sim::in_range(0, 65'535));
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "first bid of every exit transaction",
                sim::positive());
        v.field("bump_step_sat_vb", bump_step_sat_vb, "sat/vB",
                "re-bid after every block that missed an exit transaction (BIP125)",
                sim::non_negative());
        v.field("max_fee_rate_sat_vb", max_fee_rate_sat_vb, "sat/vB",
                "highest bid (never more than the user's VTXO is worth)", sim::positive());
    }
};

struct LightningCloseParams {
    std::string implementation = "lnd";
    std::int64_t channels = 0;
    std::int64_t htlcs_per_channel = 1;
    double htlc_value_btc = 0.001;

    template <class V>
    void describe(V& v) {
        v.field("implementation", implementation, "-",
                "the honest node's implementation preset (commitment format, broadcast and CLTV "
                "deltas): "
                "lnd, cln, eclair, ldk",
                sim::one_of({"lnd", "cln", "eclair", "ldk"}));
        v.field("channels", channels, "channels",
                "channels force-closed with HTLCs in flight (0: none)", sim::in_range(0, 100'000));
        v.field("htlcs_per_channel", htlcs_per_channel, "HTLCs", "HTLCs offered on each channel",
                sim::in_range(1, 483));
        v.field("htlc_value_btc", htlc_value_btc, "BTC", "value of one HTLC",
                sim::in_range(0.000'01, 10.0));
    }
};

struct MassExitParams {
    bitcoin::WorldParams world;
    std::int64_t failure_after_blocks = 6;
    ArkExitParams ark;
    LightningCloseParams lightning;

    template <class V>
    void describe(V& v) {
        v.section("world", world);
        v.field(
            "failure_after_blocks", failure_after_blocks, "blocks",
            "blocks of background demand before the server fails and every exit starts (the world "
            "starts with an empty mempool)",
            sim::in_range(0, 10'000));
        v.section("ark", ark);
        v.section("lightning", lightning);
    }
};

/// Capacity of one force-closed channel: its HTLCs hold at most 40% of it, at least 0.01 BTC.
double channel_capacity_btc(const LightningCloseParams& p);

}  // namespace models::layer2::mass_exit
