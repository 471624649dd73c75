// How a party gets a presigned commitment into blocks under each commitment format (BOLT 3):
//  - legacy: the commitment carries its presigned fee and is broadcast alone;
//  - anchors: the commitment carries a small presigned fee; a child spends the party's 330-sat
//    anchor plus a wallet coin and pays for both (CPFP), sent as a 1-parent-1-child package when
//    the parent alone is below the mempool's floor;
//  - zero_fee_truc: the commitment is version 3 with no fee and can only enter with its child, as
//    a TRUC package (BIP431; Bitcoin Core v28 1p1c package relay, doc/policy/packages.md).
// The child is sized `child_vbytes` when given (an attacker's pin), else as small as it can be.
#pragma once

#include <optional>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/sent_ledger.hpp"

namespace models::layer2::lightning {

struct AnchorSpend {
    const bitcoin::Transaction* parent = nullptr;
    std::uint32_t anchor_index = 0;
    bitcoin::KeyId anchor_key = 0;
    bool victim = true;                       ///< whose wallet pays and who gets the change
    double package_rate_sat_vb = 0.0;         ///< the package (parent + child) fee rate to reach
    std::int64_t child_vbytes = 0;            ///< pad the child to this size (0: natural size)
    std::optional<double> child_rate_sat_vb;  ///< pay this rate on the child alone instead
};

/// The CPFP child described by `s` (not broadcast).
bitcoin::Transaction anchor_child(ChannelKeys& keys, const AnchorSpend& s, bitcoin::World& world);

/// Broadcasts `commitment` the way its format allows, aiming at `fee_rate_sat_vb` for the
/// package; returns true when the commitment entered the mempool. Every accepted tx goes in
/// `ledger`.
bool broadcast_commitment(ChannelKeys& keys, const Channel& channel, bool of_victim,
                          double fee_rate_sat_vb, bitcoin::World& world, SentLedger& ledger);

}  // namespace models::layer2::lightning
