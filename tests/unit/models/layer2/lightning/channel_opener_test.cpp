// The channels the adversary opens to route its HTLCs (models/layer2/lightning/channel_opener.hpp):
// one funding transaction per channel, confirmed in the world at adversary.funding_fee_rate_sat_vb.
// Exact checks: the size is the BIP141 weight the transaction builder gives a one-input,
// two-output segwit spend (10 + 41 + 2 x 43 base bytes x 4, the 2 marker bytes and a single-key
// witness), and the fee is the rate times those vbytes (CFeeRate::GetFee), per funding.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/layer2/lightning/lightning_world_model.hpp"
#include "tests/statistical/replications.hpp"

using models::layer2::lightning::LightningWorldModel;
using Params = LightningWorldModel::Params;

namespace {

Params flood(double funding_rate) {
    Params p;
    p.world.pools.shares = {0.5, 0.3, 0.2};
    p.world.horizon_blocks = 60;
    p.channel.contested = "htlc";
    p.channel.implementation = "cln";
    p.channel.format = "legacy";
    p.channel.channels = 40;
    p.channel.htlcs_per_channel = 30;
    p.channel.htlc_value_btc = 0.001;
    p.channel.capacity_btc = 0.035;
    p.channel.cltv_expiry_delta_blocks = 6;
    p.adversary.funding_fee_rate_sat_vb = funding_rate;
    return p;
}

double at(const Params& p, const std::vector<double>& row, const std::string& name) {
    return row.at(l2sim_test::column<LightningWorldModel>(p, name));
}

}  // namespace

TEST_CASE("lightning: the adversary's channel openings confirm as funding transactions",
          "[unit][lightning-world]") {
    const Params p = flood(5.0);
    const auto rows = l2sim_test::replicate<LightningWorldModel>(p, 4, 23);
    for (const auto& r : rows) {
        // Opened at the world's start into an empty mempool, above the background's median rate:
        // every opening confirms.
        CHECK(at(p, r, "adversary_channels_opened") == 40.0);
        // 10 + 41 + 2 x 43 = 137 base bytes = 548 WU, + 2 marker bytes + the witness of a
        // single-key spend (policy/witness_cost.hpp) -> 165 vB, the size of a P2WPKH-funded
        // opening with a P2WSH funding output and a P2TR change output.
        CHECK(at(p, r, "adversary_funding_vbytes") == 40.0 * 165.0);
        CHECK(at(p, r, "adversary_funding_fees_sat") == 40.0 * 5.0 * 165.0);
        CHECK(at(p, r, "adversary_htlcs_routed_sat") == 40.0 * 30.0 * 0.001e8);
        // Capital 40 x 0.035 BTC locked from t = 0 to the run's end, which lies within the
        // blocks the run mined (at least the dispute's start, 6 blocks).
        const double locked_s = at(p, r, "adversary_capital_btc_s") / (40.0 * 0.035);
        CHECK(locked_s > 0.0);
        CHECK(at(p, r, "blocks") >= 6.0);
    }
    // Off (rate 0): no openings, nothing recorded, and the HTLCs routed are still recorded.
    const Params off = flood(0.0);
    for (const auto& r : l2sim_test::replicate<LightningWorldModel>(off, 2, 23)) {
        CHECK(at(off, r, "adversary_channels_opened") == 0.0);
        CHECK(at(off, r, "adversary_funding_fees_sat") == 0.0);
        CHECK(at(off, r, "adversary_capital_btc_s") == 0.0);
        CHECK(at(off, r, "adversary_htlcs_routed_sat") == 40.0 * 30.0 * 0.001e8);
    }
}

TEST_CASE("lightning: the adversary pays its funding rate on the openings that confirmed",
          "[unit][lightning-world]") {
    // At the mempool's floor (1 sat/vB) some openings may still wait behind a backlog that bids
    // more when the run ends; at 50 sat/vB all take the first blocks. Either way each confirmed
    // opening paid its rate on 165 vB, and nothing else is charged.
    const Params low = flood(1.0), high = flood(50.0);
    const auto a = l2sim_test::replicate<LightningWorldModel>(low, 2, 29);
    const auto b = l2sim_test::replicate<LightningWorldModel>(high, 2, 29);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double n_low = at(low, a[i], "adversary_channels_opened");
        CHECK(at(low, a[i], "adversary_funding_fees_sat") == n_low * 165.0);
        CHECK(at(high, b[i], "adversary_funding_fees_sat") == 40.0 * 50.0 * 165.0);
    }
}
