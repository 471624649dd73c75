// What each Lightning implementation does by default, as far as an on-chain dispute cares: the
// timelocks it asks for, how many HTLCs it accepts, its commitment format (legacy fixed-fee,
// anchors with CPFP, or zero-fee commitments relayed as TRUC packages), how often it rebroadcasts
// or re-bumps an unconfirmed claim, and whether it scans its mempool for an HTLC preimage (the
// replacement-cycling mitigations of October 2023). Sources are cited per preset in the .cpp.
#pragma once

#include <cstdint>
#include <string>

namespace models::layer2::lightning {

enum class CommitmentFormat : std::uint8_t {
    legacy,   ///< option_static_remotekey: the commitment and HTLC txs carry presigned fees
    anchors,  ///< option_anchors (BOLT 3): two 330-sat anchors, fees added by CPFP / re-signing
    zero_fee_truc,  ///< zero-fee commitment, version 3 (BIP431), one shared anchor, 1p1c package
                    ///< relay
};

CommitmentFormat commitment_format_from(
    const std::string& word);  ///< legacy | anchors | zero_fee_truc
const char* to_string(CommitmentFormat f);

struct ImplementationPreset {
    std::uint32_t to_self_delay_blocks = 144;
    std::uint32_t cltv_expiry_delta_blocks = 80;
    std::uint32_t broadcast_delta_blocks = 16;  ///< blocks before expiry the node goes on-chain
    std::uint32_t max_accepted_htlcs = 483;
    CommitmentFormat format = CommitmentFormat::anchors;
    std::uint32_t rebroadcast_interval_blocks =
        1;  ///< a missing claim is re-sent every this many blocks
    bool scans_mempool_for_preimages = false;
};

/// The preset of `name` (lnd, cln, eclair, ldk) for a channel of `capacity_sat`; throws
/// std::invalid_argument for another name (the parameter's one_of check comes first).
ImplementationPreset preset_named(const std::string& name, std::int64_t capacity_sat);

}  // namespace models::layer2::lightning
