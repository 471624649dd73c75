// The presigned transactions of one Lightning channel between a victim V and its counterparty
// M (the adversary), with every output's spending condition written in the policy language
// (BOLT 3, "Transaction Outputs"):
//   to_local          or(pk(rev_B), and(pk(B_delayed), older(to_self_delay)))
//   to_remote         pk(R), and(pk(R), older(1)) with anchors
//   anchor            or(pk(B_anchor), older(16)) (330 sat), one per party with anchors
//   shared anchor     or(pk(V_anchor), pk(M_anchor)) (240 sat) on a zero-fee TRUC commitment
//   offered HTLC      or(pk(rev_B), and(pk(R_htlc), sha256(payment)[, older(1)]),
//                        and(pk(B_htlc), pk(R_htlc), after(expiry)))      (HTLC-timeout path)
//   received HTLC     or(pk(rev_B), and(pk(B_htlc), pk(R_htlc), sha256(payment)),
//                        and(pk(R_htlc)[, older(1)], after(expiry)))
// where B is the commitment's broadcaster and R the other party. The presigned 2-of-2 paths
// are modelled by the holder owning both keys' signatures (it holds the counterparty's HTLC
// signature). HTLCs here are offered by V (V forwarded a payment to M, who holds the preimage):
// V's claim is the timeout path, M's the preimage path. Both commitments of the channel spend the
// same funding output and so conflict; each is in a TxGraph under "V/commitment" and
// "M/commitment".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/path.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/bitcoin/tx/tx_graph.hpp"
#include "models/layer2/lightning/implementation_preset.hpp"

namespace models::layer2::lightning {

using PolicyPtr = std::shared_ptr<const bitcoin::policy::Policy>;

/// Key and preimage ids of the two parties, shared by every channel of a run.
struct ChannelKeys {
    bitcoin::policy::SymbolTable symbols;
    bitcoin::KeyId v_funding, m_funding, v_delayed, m_delayed, v_htlc, m_htlc, v_anchor, m_anchor;
    bitcoin::KeyId v_payout, m_payout;
    bitcoin::KeyId rev_v;  ///< revocation key of V's commitments (M learns it when V revokes)
    bitcoin::KeyId rev_m;  ///< revocation key of M's commitments (V and its tower hold it)
    bitcoin::PreimageId payment = 0;

    ChannelKeys();
    /// Parses `text` in the policy language; throws std::logic_error on a bug in this file.
    PolicyPtr policy(const std::string& text);
};

struct ChannelSpec {
    bitcoin::Sat capacity;
    std::uint32_t htlcs = 0;
    bitcoin::Sat htlc_value;
    std::uint32_t expiry_height = 0;
    std::uint32_t to_self_delay_blocks = 144;
    CommitmentFormat format = CommitmentFormat::anchors;
    double commitment_fee_rate_sat_vb = 2.0;  ///< presigned (update_fee); 0 for zero_fee_truc
    /// Share of the non-HTLC balance paid to M on M's commitment (1: the revoked state in which M
    /// held everything).
    double m_balance_share = 0.5;
};

/// Output indices of a commitment built by build_channel.
struct CommitmentLayout {
    std::uint32_t to_local = 0, to_remote = 1;
    int own_anchor = -1, other_anchor = -1;  ///< -1: none; equal for the shared TRUC anchor
    std::uint32_t first_htlc = 0, htlcs = 0;
};

struct Channel {
    bitcoin::Outpoint funding;
    bitcoin::TxOut funding_output;
    bitcoin::TxGraph graph;  ///< "V/commitment", "M/commitment"
    CommitmentLayout v_layout, m_layout;
    ChannelSpec spec;

    const bitcoin::Transaction& commitment(bool of_victim) const {
        return graph.at(of_victim ? "V/commitment" : "M/commitment");
    }
    const CommitmentLayout& layout(bool of_victim) const { return of_victim ? v_layout : m_layout; }
    bitcoin::Outpoint htlc(bool on_victims, std::uint32_t i) const {
        return graph.outpoint(on_victims ? "V/commitment" : "M/commitment",
                              layout(on_victims).first_htlc + i);
    }
};

/// Builds the channel funded by `funding` (the world hands out ids through `next_id`).
Channel build_channel(ChannelKeys& keys, const ChannelSpec& spec, bitcoin::Outpoint funding,
                      const std::function<bitcoin::TxId()>& next_id);

/// Output policies of the second stage and of payouts.
PolicyPtr htlc_timeout_output(ChannelKeys& keys, std::uint32_t to_self_delay_blocks);
PolicyPtr payout(ChannelKeys& keys, bool victim);

}  // namespace models::layer2::lightning
