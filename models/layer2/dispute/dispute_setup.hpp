// The contested output of a timelocked dispute, the shape every Layer2 dispute shares (a
// Lightning to_local output, an HTLC, a BitVM2 challenge, a statechain backup): an honest party
// may claim it after `claim_delay_blocks`; the adversary may take it after `window_blocks`. The
// honest claim must confirm in between. As a policy:
//   or(and(pk(honest), older(claim_delay_blocks)), and(pk(adversary), older(window_blocks)))
// (older(0) is left out). The output confirms at height 0, when the run starts.
#pragma once

#include <functional>
#include <memory>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::layer2 {

struct DisputeSetup {
    bitcoin::policy::SymbolTable symbols;
    bitcoin::KeyId honest_key = 0;
    bitcoin::KeyId adversary_key = 0;
    std::shared_ptr<const bitcoin::policy::Policy> contested_policy;
    bitcoin::Outpoint contested;
    bitcoin::TxOut contested_output;
    std::shared_ptr<const bitcoin::policy::Policy> honest_payout;
    std::shared_ptr<const bitcoin::policy::Policy> adversary_payout;
};

/// A spend of the contested output by the honest party or the adversary along its cheapest path
/// valid in a block at `height`, paying all but the fee (`fee_for` its weight) to itself; empty
/// when no path is valid yet.
bitcoin::Transaction make_claim(bitcoin::TxId id, const DisputeSetup& d, bool honest, bitcoin::Height height,
                                const std::function<bitcoin::Sat(bitcoin::Weight)>& fee_for);

/// `contested` names the output (the world hands out transaction ids).
DisputeSetup make_dispute(bitcoin::Outpoint contested, bitcoin::Sat value, std::uint32_t claim_delay_blocks,
                          std::uint32_t window_blocks);

}  // namespace models::layer2
