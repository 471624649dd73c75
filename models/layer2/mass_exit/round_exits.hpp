// The users of one Ark round exiting unilaterally in the transaction-level world, each on its own
// branch of the round's exit tree (design/exit_tree.hpp). Every tree transaction is broadcast
// once its parent confirmed (bark's exit: "each transaction in this sequence must confirm before
// the next can be broadcast", docs.second.tech/ark-protocol/exit, read 2026-12-03) by the first
// user below it; users whose branch shares it wait for its confirmation and never send it twice.
// A tree transaction is presigned with no fee and an anchor: its broadcaster pays through the
// anchor's child, modelled as one transaction of the package's size (node_vbytes) spending the
// tree output and a coin of the broadcaster's wallet. Each user then claims its leaf VTXO
// exit_delay_blocks after the leaf confirmed, paying from the VTXO. Fee policy: start at
// fee_rate_sat_vb, re-bid by bump_step_sat_vb after every block that missed (BIP125), up to
// max_fee_rate_sat_vb, and never more than the user's VTXO is worth. From the expiry height the
// server may sweep every tree output and VTXO (after(), as bark's absolute expiry height): an exit
// counts only if its claim confirmed below that height.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/path.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/exit_tree.hpp"

namespace models::layer2::mass_exit {

/// How the exiting users bid for block space.
struct ExitFees {
    double fee_rate_sat_vb = 10.0;
    double bump_step_sat_vb = 10.0;
    double max_fee_rate_sat_vb = 500.0;
};

class RoundExits {
public:
    /// The round's output confirmed at `round_height` (a coin the world is given); it expires at
    /// `expiry_height`.
    RoundExits(const design::ExitTree& tree, const ExitFees& fees, bitcoin::Height round_height,
               bitcoin::Height expiry_height, bitcoin::World& world);

    /// Every user takes its next step (called once per block it sees, and at the start).
    void act(bitcoin::World& w);
    /// Users whose claim confirmed below the expiry height.
    std::uint32_t exited(const bitcoin::World& w) const;
    std::uint32_t users() const { return tree_.spec.users; }
    bitcoin::Height expiry_height() const { return expiry_; }
    /// Fees and vbytes of every confirmed exit transaction (tree and claims).
    bitcoin::Sat fees_confirmed(const bitcoin::World& w) const;
    std::int64_t vbytes_confirmed(const bitcoin::World& w) const;
    /// Every claim confirmed, or the round expired.
    bool done(const bitcoin::World& w) const;

private:
    struct Sent {
        std::vector<std::pair<bitcoin::TxId, bitcoin::Sat>> versions;
        double rate = 0.0;
        std::optional<bitcoin::TxId> confirmed;
    };
    std::optional<bitcoin::Height> confirmed_height(Sent& s, const bitcoin::World& w) const;
    bool pending(const Sent& s, const bitcoin::World& w) const;
    double next_rate(const Sent& s, double cap) const;
    bitcoin::Outpoint parent_outpoint(std::uint32_t node) const;
    void send_node(std::uint32_t node, bitcoin::World& w);
    void send_claim(std::uint32_t user, bitcoin::World& w);

    const design::ExitTree& tree_;
    ExitFees fees_;
    bitcoin::Height round_h_;
    bitcoin::Height expiry_;
    bitcoin::policy::SymbolTable symbols_;
    bitcoin::KeyId tree_key_ = 0, server_ = 0, wallet_ = 0, payout_key_ = 0;
    std::shared_ptr<const bitcoin::policy::Policy> tree_out_, wallet_out_, payout_;
    std::vector<std::shared_ptr<const bitcoin::policy::Policy>> vtxo_out_;  ///< per user
    bitcoin::policy::Path tree_path_, wallet_path_;
    std::vector<bitcoin::policy::Path> claim_path_;  ///< per user
    bitcoin::Outpoint round_coin_;
    bitcoin::TxId first_wallet_coin_ = 0;  ///< wallet coin of node n: {first + n, 0}
    std::vector<Sent> nodes_;
    std::vector<Sent> claims_;
    std::vector<bitcoin::Height> node_height_;  ///< 0: not confirmed (yet)
    std::uint32_t claimed_ = 0;                 ///< claims confirmed (cached)
};

}  // namespace models::layer2::mass_exit
