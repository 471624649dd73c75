// One graph plan's ground in one run: the design outputs as confirmed coins, and every presigned
// transaction of the graph as whoever broadcast it last built it. A presigned transaction is fixed
// except for the fee its broadcaster attaches: taken from its first output when that output can
// pay it and stay above dust, otherwise from a wallet input of the broadcaster's added with a
// change output (a presigned transaction signed SIGHASH_SINGLE|ANYONECANPAY, as BitVM2's
// challenge is, or a fee input to a connector-sized transaction). Each broadcast gets its own id;
// a child spends the output of whichever version confirmed. Shared by the adversary's path
// (adversary/graph_path.hpp) and the responders (roles/graph_responder.hpp).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/design.hpp"

namespace models::layer2::planner {

class GraphStage {
public:
    /// `first_coin_tx`: the id of the first design output's funding (one id per design output).
    GraphStage(const design::Design& d, bitcoin::TxId first_coin_tx, bitcoin::Height funding_h);

    const design::Design& design() const { return d_; }
    bitcoin::Height funding_height() const { return funding_h_; }
    bitcoin::Outpoint design_coin(std::size_t output) const { return {first_coin_tx_ + output, 0}; }
    bitcoin::TxOut design_coin_out(std::size_t output) const;

    /// The outpoint `r` names now: a design coin, or the output of the confirmed version of its tx.
    std::optional<bitcoin::Outpoint> outpoint(const design::GraphRef& r,
                                              const bitcoin::World& w) const;
    /// The version of tx `i` that confirmed, if any.
    std::optional<bitcoin::TxId> confirmed(std::size_t i, const bitcoin::World& w) const;
    /// The version of tx `i` in the mempool, if any.
    std::optional<bitcoin::TxId> pending(std::size_t i, const bitcoin::World& w) const;
    /// True when tx `i` could confirm in the next block: its inputs are confirmed coins and its
    /// relative and absolute locks are met at tip + 1.
    bool ready(std::size_t i, const bitcoin::World& w) const;
    /// The first height at which tx `i` can confirm given the blocks its inputs confirmed in
    /// (BIP68 and nLockTime), or none while an input is not an unspent confirmed coin.
    std::optional<bitcoin::Height> valid_from(std::size_t i, const bitcoin::World& w) const;
    /// The earliest height at which tx `i` could confirm if each ancestor confirmed at its earliest
    /// (the planner's estimate for where a run starts and ends).
    bitcoin::Height earliest(std::size_t i) const;
    /// Broadcasts a new version of tx `i` bidding `rate_sat_vb`, raised as far as needed to
    /// replace whatever spends its inputs in the mempool (BIP125 rules 3, 4; Core's rule 6) when
    /// `replace` is true, but never above `cap_sat_vb`. True when the mempool accepted it.
    bool broadcast(std::size_t i, double rate_sat_vb, bool replace, double cap_sat_vb,
                   bitcoin::World& w);
    /// Fee of the version of tx `i` that confirmed (0 if none).
    bitcoin::Sat confirmed_fee(std::size_t i, const bitcoin::World& w) const;
    /// The rate the last version of tx `i` bid (0 if never sent).
    double last_rate(std::size_t i) const { return last_rate_[i]; }
    /// Outpoints graph txs spend that exist now (for censorship orders).
    std::vector<bitcoin::Outpoint> spent_outpoints(const std::vector<std::size_t>& txs,
                                                   const bitcoin::World& w) const;
    /// The relative lock input `input` of tx `i` waits for: its path's older() or the tx's
    /// nSequence.
    std::uint32_t older(std::size_t i, std::size_t input) const { return older_of(i, input); }
    /// Value of confirmed outputs marked `slashed`.
    double slashed_btc(const bitcoin::World& w) const;

private:
    /// Tx `i` as presigned; with `fee_coin`, also spending that wallet coin into a change output.
    std::optional<bitcoin::Transaction> build(std::size_t i, bitcoin::TxId id,
                                              const bitcoin::World& w,
                                              const bitcoin::Outpoint* fee_coin) const;
    std::uint32_t older_of(std::size_t i, std::size_t input) const;
    std::uint32_t lock_time_of(std::size_t i) const;

    const design::Design& d_;
    bitcoin::TxId first_coin_tx_;
    bitcoin::Height funding_h_;
    std::vector<std::vector<bitcoin::policy::Path>> paths_;  ///< per tx, per input
    std::vector<std::vector<std::pair<bitcoin::TxId, bitcoin::Sat>>> sent_;
    std::vector<double> last_rate_;
    bitcoin::policy::SymbolTable wallet_symbols_;
    std::shared_ptr<const bitcoin::policy::Policy> wallet_;  ///< the broadcasters' fee wallet
    bitcoin::policy::Path wallet_path_;
};

}  // namespace models::layer2::planner
