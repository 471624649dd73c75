// See channel_transactions.hpp.
#include "models/layer2/lightning/channel_transactions.hpp"

#include <stdexcept>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::lightning {

namespace {

/// BOLT 3 "to_local_anchor and to_remote_anchor Output (option_anchors)": 330 sat each.
constexpr bitcoin::Sat anchor_value{330};
/// The shared anchor of zero-fee commitments: at most 240 sat (BOLT PR #1228, P2A output).
constexpr bitcoin::Sat shared_anchor_value{240};

std::string n(std::uint32_t v) {
    return std::to_string(v);
}

}  // namespace

ChannelKeys::ChannelKeys() {
    v_funding = symbols.key("V_funding");
    m_funding = symbols.key("M_funding");
    v_delayed = symbols.key("V_delayed");
    m_delayed = symbols.key("M_delayed");
    v_htlc = symbols.key("V_htlc");
    m_htlc = symbols.key("M_htlc");
    v_anchor = symbols.key("V_anchor");
    m_anchor = symbols.key("M_anchor");
    v_payout = symbols.key("V");
    m_payout = symbols.key("M");
    rev_v = symbols.key("rev_V");
    rev_m = symbols.key("rev_M");
    payment = symbols.preimage("payment");
}

PolicyPtr ChannelKeys::policy(const std::string& text) {
    auto r = bitcoin::policy::parse(text, symbols);
    if (!r.ok()) throw std::logic_error("lightning policy: " + r.error.message + " in " + text);
    return std::make_shared<const bitcoin::policy::Policy>(std::move(*r.policy));
}

PolicyPtr htlc_timeout_output(ChannelKeys& keys, std::uint32_t to_self_delay_blocks) {
    // BOLT 3 "HTLC-Timeout and HTLC-Success Transactions": the output is a to_local of V's.
    return keys.policy("or(pk(rev_V), and(pk(V_delayed), older(" + n(to_self_delay_blocks) + ")))");
}

PolicyPtr payout(ChannelKeys& keys, bool victim) {
    return keys.policy(victim ? "pk(V)" : "pk(M)");
}

namespace {

struct Side {
    std::string b, r;  ///< "V"/"M" for the broadcaster and the other party
};

bitcoin::Transaction commitment(ChannelKeys& keys, const ChannelSpec& s, const Channel& c,
                                bool of_victim, bitcoin::TxId id, CommitmentLayout& layout) {
    const Side side = of_victim ? Side{"V", "M"} : Side{"M", "V"};
    const bool anchors = s.format != CommitmentFormat::legacy;
    const std::string csv1 = anchors ? ", older(1)" : "";
    const auto to_local = keys.policy("or(pk(rev_" + side.b + "), and(pk(" + side.b +
                                      "_delayed), older(" + n(s.to_self_delay_blocks) + ")))");
    const auto to_remote =
        keys.policy(anchors ? "and(pk(" + side.r + "), older(1))" : "pk(" + side.r + ")");
    // HTLCs are offered by V: on V's commitment they are offered outputs, on M's received ones.
    const std::string expiry = n(s.expiry_height);
    const auto htlc =
        of_victim
            ? keys.policy("or(pk(rev_V), and(pk(M_htlc), sha256(payment)" + csv1 +
                          "), and(pk(V_htlc), pk(M_htlc), after(" + expiry + ")))")
            : keys.policy(
                  "or(pk(rev_M), and(pk(M_htlc), pk(V_htlc), sha256(payment)), and(pk(V_htlc)" +
                  csv1 + ", after(" + expiry + ")))");

    const auto path = bitcoin::policy::satisfy(
        *c.funding_output.policy,
        bitcoin::policy::Assets::whenever({keys.v_funding, keys.m_funding}));
    bitcoin::TxBuilder b(id);
    b.version(s.format == CommitmentFormat::zero_fee_truc ? 3 : 2);
    b.spend(c.funding, c.funding_output, *path, bitcoin::sequence_final - 1);
    const bitcoin::Sat htlc_total{s.htlc_value.value * s.htlcs};
    bitcoin::Sat anchors_total{0};
    if (s.format == CommitmentFormat::anchors) anchors_total = anchor_value + anchor_value;
    if (s.format == CommitmentFormat::zero_fee_truc) anchors_total = shared_anchor_value;
    const bitcoin::Sat rest = s.capacity - htlc_total - anchors_total;
    const double m_share = of_victim ? 1.0 - s.m_balance_share : s.m_balance_share;
    const bitcoin::Sat local{static_cast<std::int64_t>(static_cast<double>(rest.value) * m_share)};
    // Outputs in a fixed order (BOLT 3 sorts by value and script; the order does not matter here).
    b.pay(local, to_local);
    b.pay(rest - local, to_remote);
    std::uint32_t next = 2;
    if (s.format == CommitmentFormat::anchors) {
        b.pay(anchor_value, keys.policy("or(pk(" + side.b + "_anchor), older(16))"));
        b.pay(anchor_value, keys.policy("or(pk(" + side.r + "_anchor), older(16))"));
        layout.own_anchor = 2;
        layout.other_anchor = 3;
        next = 4;
    } else if (s.format == CommitmentFormat::zero_fee_truc) {
        b.pay(shared_anchor_value, keys.policy("or(pk(V_anchor), pk(M_anchor))"));
        layout.own_anchor = layout.other_anchor = 2;
        next = 3;
    }
    layout.first_htlc = next;
    layout.htlcs = s.htlcs;
    for (std::uint32_t i = 0; i < s.htlcs; ++i) b.pay(s.htlc_value, htlc);
    bitcoin::Transaction tx = b.build();
    // The presigned fee comes out of the broadcaster's balance (BOLT 3: the funder pays; here the
    // broadcaster, which only moves value between the two parties, not the outcome).
    const bitcoin::Sat fee =
        s.format == CommitmentFormat::zero_fee_truc
            ? bitcoin::Sat{0}
            : bitcoin::FeeRate{s.commitment_fee_rate_sat_vb}.fee_for(tx.weight);
    tx.outputs[layout.to_local].value -= fee;
    tx.fee += fee;
    return tx;
}

}  // namespace

Channel build_channel(ChannelKeys& keys, const ChannelSpec& spec, bitcoin::Outpoint funding,
                      const std::function<bitcoin::TxId()>& next_id) {
    Channel c;
    c.spec = spec;
    c.funding = funding;
    c.funding_output =
        bitcoin::TxOut{spec.capacity, keys.policy("and(pk(V_funding), pk(M_funding))")};
    c.graph.add("V/commitment", commitment(keys, spec, c, true, next_id(), c.v_layout));
    c.graph.add("M/commitment", commitment(keys, spec, c, false, next_id(), c.m_layout));
    return c;
}

}  // namespace models::layer2::lightning
