// The consensus check of one transaction (sources in consensus.hpp). The structure mirrors
// Bitcoin Core: context-free checks, then inputs against the coins, then scripts, then locks.
#include "models/bitcoin/tx/consensus.hpp"

#include <set>

#include "models/bitcoin/tx/lock_time.hpp"
#include "models/bitcoin/tx/policy_check.hpp"

namespace models::bitcoin {

namespace {

inline constexpr Sat max_money{21'000'000 * sat_per_btc};  ///< consensus/amount.h MAX_MONEY

std::optional<Reject> check_shape(const Transaction& tx) {
    if (tx.inputs.empty()) return Reject{RejectReason::no_inputs, 0, "no inputs"};
    if (tx.outputs.empty()) return Reject{RejectReason::no_outputs, 0, "no outputs"};
    std::set<Outpoint> seen;
    for (std::size_t i = 0; i < tx.inputs.size(); ++i)
        if (!seen.insert(tx.inputs[i].prevout).second)
            return Reject{RejectReason::duplicate_input, i, "spends the same output twice"};
    for (const TxOut& out : tx.outputs)
        if (out.value < Sat{0} || out.value > max_money)
            return Reject{RejectReason::negative_output, 0, "output value out of range"};
    if (tx.fee < Sat{0}) return Reject{RejectReason::negative_output, 0, "negative fee"};
    return std::nullopt;
}

std::optional<Reject> check_input(const Transaction& tx, std::size_t i, const Coin& coin,
                                  const BlockContext& ctx) {
    if (!coin.output.policy)
        return Reject{RejectReason::unspendable_output, i, "spent output has no policy"};
    if (!witness_satisfies(*coin.output.policy, tx, i))
        return Reject{RejectReason::policy_not_satisfied, i,
                      "witness does not satisfy the spent output's policy"};
    if (!relative_lock_met(tx, tx.inputs[i], coin.confirmed, ctx.height, ctx.mtp_s))
        return Reject{RejectReason::relative_lock, i,
                      "nSequence relative lock not met by the output's age (BIP68)"};
    return std::nullopt;
}

}  // namespace

const char* to_string(RejectReason r) {
    switch (r) {
        case RejectReason::no_inputs:
            return "no_inputs";
        case RejectReason::no_outputs:
            return "no_outputs";
        case RejectReason::duplicate_input:
            return "duplicate_input";
        case RejectReason::missing_input:
            return "missing_input";
        case RejectReason::unspendable_output:
            return "unspendable_output";
        case RejectReason::policy_not_satisfied:
            return "policy_not_satisfied";
        case RejectReason::non_final:
            return "non_final";
        case RejectReason::relative_lock:
            return "relative_lock";
        case RejectReason::negative_output:
            return "negative_output";
        case RejectReason::insufficient_value:
            return "insufficient_value";
        case RejectReason::output_exists:
            return "output_exists";
    }
    return "unknown";
}

std::optional<Reject> check_transaction(const Transaction& tx, const UtxoSet& coins,
                                        const BlockContext& ctx) {
    if (auto r = check_shape(tx)) return r;
    if (!is_final(tx, ctx.height, ctx.mtp_s))
        return Reject{RejectReason::non_final, 0, "nLockTime not reached (BIP65, BIP113)"};
    Sat in_sum{0};
    for (std::size_t i = 0; i < tx.inputs.size(); ++i) {
        const Coin* coin = coins.find(tx.inputs[i].prevout);
        if (coin == nullptr)
            return Reject{RejectReason::missing_input, i, "spent output missing or already spent"};
        if (auto r = check_input(tx, i, *coin, ctx)) return r;
        in_sum += coin->output.value;
    }
    Sat out_sum{0};
    for (const TxOut& out : tx.outputs) out_sum += out.value;
    if (in_sum < out_sum + tx.fee)
        return Reject{RejectReason::insufficient_value, 0, "inputs below outputs plus fee"};
    for (std::uint32_t i = 0; i < tx.outputs.size(); ++i)
        if (coins.contains(Outpoint{tx.id, i}))
            return Reject{RejectReason::output_exists, 0, "an unspent output has this id (BIP30)"};
    return std::nullopt;
}

}  // namespace models::bitcoin
