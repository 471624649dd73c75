// The world's consensus check of one transaction in a block at height H whose previous block has
// median time past T. Rules, each returning a named reason (as Bitcoin Core's validation states):
// inputs exist and are unspent, no input twice (CVE-2018-17144), each input's witness satisfies
// the spent output's policy (policy_check.hpp), nLockTime final at (H, T) (BIP65/BIP113),
// nSequence relative locks met by each spent output's age (BIP68), outputs non-negative and
// inputs >= outputs + fee, and no unspent output already has its id (BIP30). Sources: Bitcoin
// Core consensus/tx_check.cpp, consensus/tx_verify.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/tx/utxo_set.hpp"
#include "models/bitcoin/units.hpp"

namespace models::bitcoin {

/// Where a block sits: its height and the median time past of its parent (BIP113).
struct BlockContext {
    Height height = 0;
    std::int64_t mtp_s = 0;
};

enum class RejectReason {
    no_inputs,             ///< bad-txns-vin-empty
    no_outputs,            ///< bad-txns-vout-empty
    duplicate_input,       ///< bad-txns-inputs-duplicate
    missing_input,         ///< bad-txns-inputs-missingorspent (also a double spend)
    unspendable_output,    ///< the spent output has no policy: nobody in the model can spend it
    policy_not_satisfied,  ///< the witness does not satisfy the spent output's policy
    non_final,             ///< bad-txns-nonfinal: nLockTime not reached (BIP65, BIP113)
    relative_lock,         ///< non-BIP68-final: the spent output is too young
    negative_output,       ///< bad-txns-vout-negative
    insufficient_value,    ///< bad-txns-in-belowout: inputs < outputs + fee
    output_exists,         ///< BIP30: an unspent output with this transaction's id exists
};

const char* to_string(RejectReason r);

struct Reject {
    RejectReason reason;
    std::size_t input = 0;  ///< the input concerned, when the rule is about one
    std::string detail;
};

/// Checks `tx` against the coins it spends; nullopt when it may be included at `ctx`.
std::optional<Reject> check_transaction(const Transaction& tx, const UtxoSet& coins,
                                        const BlockContext& ctx);

}  // namespace models::bitcoin
