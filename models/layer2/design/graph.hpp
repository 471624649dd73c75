// A design's presigned transaction graph (designs/*.toml, [graph.<tx>] and [responders.<class>]):
// named transactions that spend named outputs (the design's own, or another presigned
// transaction's), each with the outputs it creates and their policies, its relative lock
// (nSequence, BIP68) and absolute lock (nLockTime, BIP65), and the agent class that holds its
// signatures and may broadcast it. BitVM2's kickoff, challenge, assert and disprove; Ark's round
// and exit tree; a statechain's backup transactions with decreasing nLockTime; Babylon's staking,
// unbonding and slashing transactions are all such graphs. A transaction marked `steals` moves the
// funds to the adversary: the planner (planner/graph_plan.hpp) walks back from it to the
// transactions it needs, and the honest transactions that spend the same outputs are the responses
// the adversary must keep out of blocks (responders broadcast them, roles/graph_responder.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/tx/transaction.hpp"
#include "sim/params/input_error.hpp"

namespace models::layer2::design {

/// An output a presigned transaction creates.
struct GraphOutput {
    std::string name;
    std::string policy_text;
    std::shared_ptr<const bitcoin::policy::Policy> policy;
    double value_btc = 0.0;
    /// The output is a penalty (Babylon's slashed share, a forfeited collateral): its value counts
    /// as slashed stake when the transaction confirms.
    bool slashed = false;
};

/// What a transaction input spends: a design output (tx < 0) or output `index` of graph tx `tx`.
struct GraphRef {
    int tx = -1;
    std::size_t index = 0;
    bool operator==(const GraphRef&) const = default;
};

struct GraphTx {
    std::string name;
    std::vector<GraphRef> spends;
    std::vector<std::string> spends_text;  ///< as written, for messages
    /// Agent classes that hold its signatures and may broadcast it (the first is the one an
    /// adversary buys when the transaction is on its path).
    std::vector<std::string> broadcast_by;
    /// Keys whose signatures it carries (presigned at setup, plus the broadcaster's own); the
    /// witness of each input is the cheapest path of the spent policy these keys satisfy.
    std::vector<bitcoin::KeyId> signatures;
    /// nSequence on every input whose path has no older() (BIP68; a presigned transaction can
    /// commit to a relative lock the script does not ask for).
    std::uint32_t older_blocks = 0;
    /// nLockTime = funding height + after_blocks (absolute: it does not move when a parent
    /// confirms late). 0: none.
    std::uint32_t after_blocks = 0;
    bool steals = false;
    std::vector<GraphOutput> outputs;
    sim::SourcePos pos;
};

/// How an honest agent class broadcasts the graph transactions it holds (every one that is not
/// marked `steals`): as soon as each is valid, `latency_s` after the block that made it so, at
/// `fee_rate_sat_vb`, re-bid by `bump_step_sat_vb` after every block that missed it when
/// `fee_policy` is "bump" (BIP125), up to `max_fee_rate_sat_vb`. It starts acting
/// `start_after_blocks` after the design's outputs confirmed (an Ark user who comes back to exit).
struct Responder {
    std::string agent;
    double latency_s = 60.0;
    double fee_rate_sat_vb = 10.0;
    std::string fee_policy = "fixed";
    double bump_step_sat_vb = 10.0;
    double max_fee_rate_sat_vb = 500.0;
    std::uint32_t start_after_blocks = 0;
    sim::SourcePos pos;
};

struct PresignedGraph {
    std::vector<GraphTx> txs;  ///< in file order; every tx spends only outputs of earlier ones
    std::map<std::string, Responder> responders;

    bool empty() const { return txs.empty(); }
    /// Graph txs that spend design output `output`.
    bool spends_design_output(std::size_t output) const {
        for (const GraphTx& t : txs)
            for (const GraphRef& r : t.spends)
                if (r.tx < 0 && r.index == output) return true;
        return false;
    }
};

}  // namespace models::layer2::design
