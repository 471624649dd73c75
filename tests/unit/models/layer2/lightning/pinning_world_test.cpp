// Commitment pinning decided by the mempool rules, in the world: M broadcasts its own commitment
// (conflicting with V's) and chains low-fee descendants on its anchor up to the size the limits
// allow; V then tries its own commitment package and, failing that, a CPFP child on its anchor of
// M's commitment. No flag says who wins: only the rule set and the commitment format differ.
//  - anchors, core_v28: the CPFP carve-out (one extra child of at most 10 kvB) admits V's child;
//  - anchors, core_v31: no carve-out, and M's descendants fill the 101 kvB cluster: V is pinned;
//  - zero_fee_truc: TRUC keeps M's child at most 1,000 vB and V's package replaces M's.
#include <catch2/catch.hpp>

#include "models/adversary/pin.hpp"
#include "models/layer2/lightning/htlc_holder.hpp"
#include "sim/random/rng_stream.hpp"

using namespace models;
using namespace models::layer2::lightning;

namespace {

struct Outcome {
    bool m_commitment_in = false, v_commitment_in = false, v_bumps_m = false;
    std::int64_t pin_vb = 0;
};

Outcome play(const std::string& rules, CommitmentFormat format) {
    bitcoin::WorldParams wp;
    wp.mempool.rules = rules;
    wp.demand.arrival_vb_per_s = 0.0;
    bitcoin::World world(wp, sim::StreamFactory(1, 0));
    ChannelKeys keys;
    ChannelSpec s;
    s.capacity = bitcoin::from_btc(0.1);
    s.htlcs = 1;
    s.htlc_value = bitcoin::from_btc(0.01);
    s.expiry_height = 10;
    s.format = format;
    s.commitment_fee_rate_sat_vb = 1.0;
    const bitcoin::Outpoint funding{world.next_txid(), 0};
    std::vector<Channel> channels{
        build_channel(keys, s, funding, [&] { return world.next_txid(); })};
    world.add_coin(funding, channels.front().funding_output, 0);
    const Channel& c = channels.front();

    adversary::PinParams pp;
    pp.child_vbytes = 101'000;
    pp.fee_rate_sat_vb = 1.0;
    bitcoin::policy::Assets a;
    a.keys = {keys.m_anchor};
    adversary::Pinner pin(pp, c.commitment(false),
                          static_cast<std::uint32_t>(c.m_layout.own_anchor), a, payout(keys, false),
                          keys.m_payout);
    pin.on_start(world);
    HtlcHolderParams hp;
    hp.fee_rate_sat_vb = 20.0;
    ImplementationPreset preset;
    preset.format = format;
    HtlcHolder victim(hp, preset, {}, keys, channels, 100);
    victim.on_start(world);

    Outcome o;
    o.m_commitment_in = world.mempool().contains(c.commitment(false).id);
    o.v_commitment_in = world.mempool().contains(c.commitment(true).id);
    o.pin_vb = pin.child_vbytes_accepted();
    if (o.m_commitment_in) {
        const auto* e = world.mempool().find(c.commitment(false).id);
        o.v_bumps_m =
            e->children.size() > 1 || (format == CommitmentFormat::zero_fee_truc && o.pin_vb == 0);
    }
    return o;
}

}  // namespace

TEST_CASE(
    "pinning in the world: carve-out rescues anchors under v28, the cluster limit pins them under "
    "v31",
    "[unit]") {
    const Outcome v28 = play("core_v28", CommitmentFormat::anchors);
    CHECK(v28.m_commitment_in);
    CHECK(v28.pin_vb > 99'000);
    CHECK_FALSE(v28.v_commitment_in);  // rule 3: M's pin pays more than V offers
    CHECK(v28.v_bumps_m);              // the carve-out child on M's commitment

    const Outcome v31 = play("core_v31", CommitmentFormat::anchors);
    CHECK(v31.m_commitment_in);
    CHECK(v31.pin_vb > 99'000);
    CHECK_FALSE(v31.v_commitment_in);
    CHECK_FALSE(v31.v_bumps_m);  // pinned: the cluster is full and there is no carve-out
}

TEST_CASE("pinning in the world: TRUC bounds the pin and V's package replaces M's", "[unit]") {
    const Outcome truc = play("core_v31", CommitmentFormat::zero_fee_truc);
    CHECK(truc.pin_vb <= 1'000);
    CHECK(truc.v_commitment_in);
    CHECK_FALSE(truc.m_commitment_in);
}
