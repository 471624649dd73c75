// The BOLT 3 outputs of a channel, as policies, admit exactly the spends BOLT 5 allows: the
// revocation key at once, the broadcaster's delayed key only after to_self_delay, the HTLC's
// timeout path only after expiry (and only with the counterparty's presigned signature), the
// preimage path only with the preimage. Checked with the satisfier the consensus check uses.
#include "models/layer2/lightning/channel_transactions.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/policy/print.hpp"
#include "models/bitcoin/policy/satisfy.hpp"

using namespace models::bitcoin;
using namespace models::layer2::lightning;

namespace {

Channel channel(ChannelKeys& keys, CommitmentFormat f) {
    ChannelSpec s;
    s.capacity = from_btc(0.1);
    s.htlcs = 2;
    s.htlc_value = from_btc(0.01);
    s.expiry_height = 100;
    s.to_self_delay_blocks = 144;
    s.format = f;
    TxId next = 1000;
    return build_channel(keys, s, Outpoint{1, 0}, [&] { return next++; });
}

bool can(const TxOut& out, std::set<KeyId> keys, std::set<PreimageId> pre, Height h,
         std::uint32_t age) {
    policy::Assets a;
    a.keys = std::move(keys);
    a.preimages = std::move(pre);
    a.height = h;
    a.age_blocks = age;
    return policy::satisfy(*out.policy, a).has_value();
}

}  // namespace

TEST_CASE("lightning: to_local is the revocation key's at once, the owner's after to_self_delay",
          "[unit]") {
    ChannelKeys k;
    const Channel c = channel(k, CommitmentFormat::anchors);
    const TxOut& to_local = c.commitment(false).outputs[c.m_layout.to_local];
    CHECK(can(to_local, {k.rev_m}, {}, 1, 0));
    CHECK_FALSE(can(to_local, {k.m_delayed}, {}, 144, 143));
    CHECK(can(to_local, {k.m_delayed}, {}, 145, 144));
    CHECK_FALSE(can(to_local, {k.v_payout, k.v_delayed}, {}, 1000, 1000));
}

TEST_CASE("lightning: an offered HTLC is the preimage holder's or, after expiry, the offerer's",
          "[unit]") {
    ChannelKeys k;
    for (const auto f : {CommitmentFormat::legacy, CommitmentFormat::anchors}) {
        const Channel c = channel(k, f);
        const TxOut& htlc = c.commitment(true).outputs[c.htlc(true, 0).index];
        // V's HTLC-timeout: V's key and M's presigned signature, after(100) met from height 101.
        CHECK_FALSE(can(htlc, {k.v_htlc, k.m_htlc}, {}, 100, 10));
        CHECK(can(htlc, {k.v_htlc, k.m_htlc}, {}, 101, 10));
        CHECK_FALSE(can(htlc, {k.v_htlc}, {}, 101, 10));
        // M with the preimage, at any height (a block after the commitment with anchors: older(1)).
        CHECK(can(htlc, {k.m_htlc}, {k.payment}, 2, 1));
        CHECK(can(htlc, {k.m_htlc}, {k.payment}, 1, 0) == (f == CommitmentFormat::legacy));
        // The received HTLC on M's commitment: V directly after expiry, M only with V's signature.
        const TxOut& received = c.commitment(false).outputs[c.htlc(false, 0).index];
        CHECK(can(received, {k.v_htlc}, {}, 101, 1));
        CHECK_FALSE(can(received, {k.m_htlc}, {k.payment}, 101, 1));
    }
}

TEST_CASE("lightning: commitment formats carry anchors and versions as BOLT 3 and BIP431 say",
          "[unit]") {
    ChannelKeys k;
    const Channel legacy = channel(k, CommitmentFormat::legacy);
    const Channel anchors = channel(k, CommitmentFormat::anchors);
    const Channel truc = channel(k, CommitmentFormat::zero_fee_truc);
    CHECK(legacy.v_layout.own_anchor == -1);
    CHECK(anchors.commitment(true).outputs[anchors.v_layout.own_anchor].value == Sat{330});
    CHECK(truc.commitment(true).is_truc());
    CHECK(truc.commitment(true).fee == Sat{0});
    CHECK(anchors.commitment(true).fee > Sat{0});
    // Both commitments spend the funding output: they conflict.
    CHECK(anchors.commitment(true).inputs.front().prevout ==
          anchors.commitment(false).inputs.front().prevout);
}
