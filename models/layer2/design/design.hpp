// A Layer2 design as data (designs/*.toml, read by design_reader.hpp): the outputs it holds and
// their spending policies in the policy language, who holds each key (an agent class with a
// corruption cost law, an availability and membership in failure groups whose members fail
// together), who watches what and reacts how (rotating coins before a timelock opens, slashing the
// bond of a signer whose key signed a provable theft), and the deposits it credits after a number
// of confirmations. It holds no attack: the planner (models/layer2/planner/) derives candidate
// attacks from the policies, and the adversary primitives (models/adversary/) carry them out.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/layer2/design/graph.hpp"
#include "models/layer2/design/consensus.hpp"
#include "models/layer2/design/exit_tree.hpp"
#include "sim/params/input_error.hpp"

namespace models::layer2::design {

/// The price an attacker must pay one keyholder to sign what it should not, in BTC. A model input:
/// it stands for reputation, legal exposure and HSM compromise (shared/reference/layer2-designs.md
/// §0, P-KEY). lognormal: median x exp(sigma N(0,1)); fixed: always the median.
struct CostLaw {
    std::string law = "lognormal";
    double median_btc = 0.0;
    double sigma = 0.0;
};

/// One class of key holder (every key of the groups it holds behaves alike; each key is its own
/// agent with its own draws).
struct AgentClass {
    std::string name;
    double availability = 1.0;  ///< chance the holder is reachable and signs in a run
    CostLaw corruption_cost;
    double bond_btc = 0.0;      ///< locked per key; slashed by a watcher on a provable theft
    sim::SourcePos pos;
};

/// Keys that fail together (one HSM vendor, one jurisdiction, one operator): in a run the group
/// is compromised with `probability`, and then every member key can be had for `cost_btc` in all.
struct FailureGroup {
    std::string name;
    std::vector<bitcoin::KeyId> members;
    double probability = 0.0;
    double cost_btc = 0.0;
    sim::SourcePos pos;
};

/// A group of keys named name[0] .. name[count-1] in policies, all held by one agent class.
struct KeyGroup {
    std::string name;
    std::uint32_t count = 0;
    std::string held_by;
};

/// An output the design holds, with its policy. `rotate_before_blocks` > 0: the defenders move the
/// coin along its first (normal) path to a fresh output this many blocks before its earliest
/// timelocked path opens, so a timelock plan must keep that rotation out of blocks (Liquid's
/// functionaries re-spend peg UTXOs before the emergency CSV matures).
struct Output {
    std::string name;
    std::string policy_text;
    std::shared_ptr<const bitcoin::policy::Policy> policy;
    double value_btc = 0.0;
    std::int64_t rotate_before_blocks = 0;
    /// Users' coins inside the output that can leave by their own exit transaction of
    /// `exit_vbytes` while a timelocked path waits (a rollup's users exiting during an upgrade
    /// delay): an `exit` watcher broadcasts them, and a theft takes only what has not exited.
    std::uint32_t exit_coins = 0;
    std::int64_t exit_vbytes = 0;
    sim::SourcePos pos;
};

/// Honest reactions and their speed. A rotation or slashing transaction is broadcast `latency_s`
/// after the block that calls for it, at `fee_rate_sat_vb`; "bump" re-bids by `bump_step_sat_vb`
/// after every block that missed it (BIP125).
struct Watcher {
    std::string name;
    std::string reacts;  ///< "rotate", "slash" or "exit"
    double latency_s = 60.0;
    double fee_rate_sat_vb = 10.0;
    std::string fee_policy = "fixed";
    double bump_step_sat_vb = 10.0;
    double max_fee_rate_sat_vb = 500.0;
    sim::SourcePos pos;
};

/// Bonds: each key of a bonded class locks bond_btc in an output that its holder can take back
/// after `unbond_blocks`, or a slashing watcher can take once a theft signed by that key confirmed
/// (the theft is the proof).
struct Bonds {
    std::int64_t unbond_blocks = 0;
};

/// Peg-ins: a deposit of value_btc is credited after `credit_after_confirmations`; a reorg of
/// that depth lets its sender double-spend the deposit after being credited.
struct Deposit {
    double value_btc = 0.0;
    std::int64_t credit_after_confirmations = 0;
    sim::SourcePos pos;
};

struct Design;

/// A part of a composed design (a rollup's data availability, its bridge, its upgrade path): a
/// design in its own right, read from its own file or from an inline table (parts_reader.hpp).
/// The planner runs each part's plans with column prefix `<name>__`; the composed design falls
/// to the cheapest attack on any one part.
struct Part {
    std::string name;
    std::shared_ptr<const Design> design;
    sim::SourcePos pos;
};

struct Design {
    std::string name;
    std::string file;
    bitcoin::policy::SymbolTable symbols;
    std::vector<KeyGroup> key_groups;
    std::map<std::string, AgentClass> agents;
    std::vector<FailureGroup> failure_groups;
    std::vector<Output> outputs;
    std::vector<Watcher> watchers;
    Bonds bonds;
    std::optional<Deposit> deposit;
    PresignedGraph graph;  ///< presigned transactions and who broadcasts them (graph.hpp)
    std::map<std::string, std::string> sources;  ///< parameter -> where its value comes from, dated
    ConsensusSections consensus;  ///< consensus rules that are not scripts (consensus.hpp)
    std::vector<Part> parts;      ///< a composed design's parts (then it holds nothing else)
    std::vector<ExitTree> trees;  ///< Ark exit trees, expanded ([tree.<name>], exit_tree.hpp)

    /// The agent class holding key `k`.
    const AgentClass& holder_of(bitcoin::KeyId k) const;
    /// The key group of key `k`.
    const KeyGroup& group_of(bitcoin::KeyId k) const;
    const Watcher* watcher(const std::string& reacts) const;
};

}  // namespace models::layer2::design
