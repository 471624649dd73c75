// The transaction-level Bitcoin world that Layer2 agents act in: a chain state (the UTXO set of
// every modelled transaction, checked by the consensus rules of tx/consensus.hpp), one mempool
// under a chosen Bitcoin Core rule set, pools that find blocks by hash share and fill them from
// the mempool (leaving out what their adversary or a bribe tells them to), and background demand.
// Agents see each block after their own reaction latency and act by broadcasting transactions.
// The world never names a Layer2 type: a scenario's agents reach it through `Agents` (run()).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "models/bitcoin/demand/background_demand.hpp"
#include "models/bitcoin/mempool/block_template.hpp"
#include "models/bitcoin/mempool/mempool.hpp"
#include "models/bitcoin/mining/fork_policy.hpp"
#include "models/bitcoin/mining/pool_set.hpp"
#include "models/bitcoin/mining/template_policy.hpp"
#include "models/bitcoin/tx/consensus.hpp"
#include "models/bitcoin/tx/utxo_set.hpp"
#include "models/bitcoin/world/block_tree.hpp"
#include "models/bitcoin/world/relay_network.hpp"
#include "models/bitcoin/world/world_params.hpp"
#include "models/bitcoin/world/world_stats.hpp"
#include "sim/core/simulation.hpp"

namespace models::bitcoin {

using AgentIndex = std::uint32_t;

/// Events of the world. Timers and block sightings are addressed to one agent.
struct BlockFound {};
/// A private chain whose publication waited for the agents to see the block that made it due.
struct PrivatePublish {};
struct DemandTick {};
struct AgentWake {
    AgentIndex agent;
    std::uint32_t tag;
};
struct BlockSeen {
    AgentIndex agent;
    Height height;
};
/// With propagation: a transaction or a block reaches `node` from its peer `from`.
struct TxArrive {
    RelayNode node;
    RelayNode from;
    TxId tx;
};
struct BlockArrive {
    RelayNode node;
    RelayNode from;
    BlockIndex block;
};
using WorldEvent = std::variant<BlockFound, DemandTick, AgentWake, BlockSeen, TxArrive, BlockArrive, PrivatePublish>;

/// Stream purposes of the world (agents use their own, keyed by agent index).
enum class WorldStream : std::uint32_t {
    mining = 101,
    finder = 102,
    demand = 103,
    relay_topology = 104,
    relay = 105
};

/// No agent is acting (set-up, or the world's own events).
inline constexpr std::size_t no_agent = SIZE_MAX;

/// One mined block as the world recorded it.
struct MinedBlock {
    Height height = 0;
    std::size_t pool = 0;
    double time_s = 0.0;
    Sat fees;
    Weight weight;
    std::vector<TxId> modelled;  ///< the non-background transactions it confirmed
};

class World {
public:
    World(const WorldParams& params, const sim::StreamFactory& streams);

    // --- what agents observe
    double now_s() const { return sim_.now_seconds(); }
    Height tip_height() const { return tip_; }
    const mempool::Mempool& mempool() const { return mempool_; }
    const PoolSet& pools() const { return pools_; }
    const UtxoSet& coins() const { return coins_; }
    /// Height at which a modelled transaction confirmed, if it did.
    std::optional<Height> confirmed_at(TxId id) const;
    /// The blocks of the current chain (with forks, orphaned blocks are no longer in it).
    const std::vector<MinedBlock>& blocks() const;
    /// Every block found on every branch (index 0: the block the run starts on).
    const BlockTree& block_tree() const { return tree_; }
    /// Blocks found that are not in the current chain.
    std::uint64_t orphaned_blocks() const { return stats_.blocks - chain_length(); }
    /// Deepest reorganisation of the current chain so far (blocks disconnected at once).
    std::uint32_t max_reorg_depth() const { return max_reorg_depth_; }
    const WorldStats& stats() const { return stats_; }
    double block_interval_s() const { return params_.block_interval_s; }

    // --- how agents act
    TxId next_txid() { return next_txid_++; }
    /// Hands a transaction to the mempool after checking it against the chain state the way a
    /// node's AcceptToMemoryPool checks scripts: inputs must exist (confirmed, or created by a
    /// modelled mempool transaction) and witnesses must satisfy their policies.
    mempool::AcceptResult broadcast(const Transaction& tx);
    /// 1-parent-1-child package relay (Bitcoin Core v28, doc/policy/packages.md).
    mempool::AcceptResult broadcast_package(const Transaction& parent, const Transaction& child);
    void wake(AgentIndex agent, double delay_s, std::uint32_t tag);
    /// Starts the chain at `height` instead of 0, for a run that begins late in a coin's life (a
    /// timelock that opens after thousands of blocks). Call before run() and before add_coin.
    void start_at_height(Height height);
    /// Creates a confirmed coin outside the modelled history (a funding output that predates the run).
    void add_coin(const Outpoint& where, const TxOut& output, Height confirmed_height);
    /// What the adversary and open bribes ask of the pools; read at every block.
    CensorshipOrders& orders() { return orders_; }
    /// Where the pools the adversary controls put their blocks (mining/fork_policy.hpp). Set it
    /// before the first block: blocks found while it is `none` keep no contents to reorganise.
    ForkOrders& fork_orders() { return fork_orders_; }
    /// True while the controlled pools' fork can still change which spends the chain confirmed
    /// (a feather-fork target within its depth, or a private race not yet published or given up).
    bool fork_race_live() const;
    /// Pools the adversary controls (they obey orders().censored).
    void control_pool(std::size_t pool, bool controlled) { controlled_.at(pool) = controlled; }
    /// The adversary's own spends, never censored.
    bool is_allowed(TxId id) const;
    bool controlled(std::size_t pool) const { return controlled_.at(pool); }
    /// The P2P network transactions and blocks relay over (world.propagation.enabled), or null.
    const RelayNetwork* relay() const { return relay_ ? &*relay_ : nullptr; }
    /// Calls `f(tx, height)` for every transaction a block confirms (background included), for
    /// tests that measure the confirmed fee market. Costs nothing while unset.
    void observe_confirmed(std::function<void(const Transaction&, Height)> f) { observe_confirmed_ = std::move(f); }

    /// Runs until `horizon_blocks` blocks or until `agents.done(world)`. `Agents` provides
    /// `size()`, `latency_s(i)`, `on_start(world)`, `on_block(i, height, world)`,
    /// `on_wake(i, tag, world)` and `done(world)`.
    template <class Agents>
    void run(Agents& agents);

private:
    void schedule_block();
    /// Mines one block; true when the current chain's tip changed.
    bool mine_block();
    BlockIndex parent_for(std::size_t pool);
    BlockIndex build_on(std::size_t pool, BlockIndex parent, bool published);
    void after_block(BlockIndex b, bool by_coalition);
    void start_private_race_if_due();
    /// Private race: the public chain gives fork_orders_.publish_after_tx its confirmations.
    bool public_confirmations_reached() const;
    bool private_publish_due() const;
    void publish_private_chain();
    /// A publication deferred past the agents' view of the block that made it due (after_block);
    /// true when the chain's tip changed.
    bool publish_pending_chain();
    /// Moves the chain state to the current tip after active_ changed from `before`, recording
    /// the reorganisation's depth.
    void follow_active(BlockIndex before);
    BlockIndex feather_target() const;
    bool censored_spend_in(const TreeBlock& b) const;
    void move_state_to(BlockIndex target);
    void disconnect_tip();
    void reconnect(BlockIndex b);
    /// Moves the state over a run of empty blocks (TreeBlock::empty) down to, or up to, `to`.
    void disconnect_empty_run(BlockIndex to);
    void reconnect_empty_run(BlockIndex to);
    void record_confirmed(const TreeBlock& b);
    /// Blocks from the start block to the state's tip.
    std::size_t chain_length() const { return tree_[state_tip_].height - tree_[start_block].height; }
    std::unordered_set<TxId> exclusions(std::size_t pool, const mempool::TemplateRequest& request) const;
    std::vector<TxId> spenders_in_mempool(const Outpoint& o) const;
    std::vector<Transaction> connect(const mempool::BlockTemplate& block, Height height,
                                     std::vector<std::pair<Outpoint, Coin>>* spent = nullptr);
    bool valid_in_mempool(const Transaction& tx) const;
    void note_accept(const Transaction& tx, const mempool::AcceptResult& r);
    BlockIndex honest_parent(std::size_t pool) const;
    // --- propagation (relay_ set)
    void originate_tx(TxId id);
    void relay_tx(RelayNode at, RelayNode from, TxId id);
    void on_tx_arrive(const TxArrive& a);
    void relay_block(RelayNode at, RelayNode from, BlockIndex b);
    /// The node hears of block b; true when it becomes the node's tip (strictly higher, first seen).
    bool node_hears_block(RelayNode node, RelayNode from, BlockIndex b);
    /// After a block is found: the finder's node has it (when published) and relays it; returns
    /// the node whose tip moved, if any.
    std::optional<RelayNode> announce_found_block(bool private_race_published);
    template <class Agents>
    void tell_agents_at(RelayNode node, Agents& agents);

    const WorldParams& params_;
    sim::Simulation<WorldEvent> sim_;
    sim::RngStream mining_rng_;
    sim::RngStream finder_rng_;
    PoolSet pools_;
    std::vector<bool> controlled_;
    BribeRule bribe_rule_;
    mempool::Mempool mempool_;
    BackgroundDemand demand_;
    UtxoSet coins_;
    std::unordered_map<TxId, Transaction> modelled_in_mempool_;
    std::unordered_map<TxId, Height> confirmed_;
    /// The current chain's records, built lazily: a prefix of it is always right, and blocks()
    /// adds what a reorg left out (a race's branch switches would rebuild it block by block).
    mutable std::vector<MinedBlock> mined_;
    CensorshipOrders orders_;
    WorldStats stats_;
    ForkOrders fork_orders_;
    BlockTree tree_;
    BlockIndex active_ = start_block;     ///< tip of the current (longest published) chain
    BlockIndex state_tip_ = start_block;  ///< the block coins_, mempool_ and mined_ stand at
    BlockIndex fork_tip_ = no_block_index;     ///< feather-fork: the coalition's fork while racing
    BlockIndex private_tip_ = no_block_index;  ///< private race: its unpublished chain's tip
    bool private_race_over_ = false;
    bool publish_pending_ = false;  ///< private race: due, waiting for a PrivatePublish event
    std::uint32_t max_reorg_depth_ = 0;
    Height tip_ = 0;
    TxId next_txid_ = 1;
    std::optional<RelayNetwork> relay_;
    std::size_t acting_ = no_agent;  ///< the agent whose callback is running (its node broadcasts)
    std::size_t last_pool_ = 0;      ///< finder of the last block
    BlockIndex last_block_ = start_block;
    std::function<void(const Transaction&, Height)> observe_confirmed_;
};

template <class Agents>
void World::tell_agents_at(RelayNode node, Agents& agents) {
    const Height h = tree_[relay_->tip(node)].height;
    for (std::size_t i : relay_->agents_at(node))
        if (i < agents.size())
            sim_.schedule_in(sim::from_seconds(agents.latency_s(i)), sim::EntityId{0},
                             BlockSeen{static_cast<AgentIndex>(i), h});
}

template <class Agents>
void World::run(Agents& agents) {
    stats_.agents = agents.size() + pools_.size();
    if (relay_) relay_->attach(pools_.size(), agents.size());
    // Agents that can start one by one do, so a broadcast at the start leaves from the agent's node.
    if constexpr (requires { agents.on_start(std::size_t{0}, *this); }) {
        for (std::size_t i = 0; i < agents.size(); ++i) {
            acting_ = i;
            agents.on_start(i, *this);
        }
        acting_ = no_agent;
    } else {
        agents.on_start(*this);
    }
    schedule_block();
    if (demand_.active())
        sim_.schedule_in(sim::from_seconds(demand_.next_gap_s()), sim::EntityId{0}, DemandTick{});
    const auto horizon = static_cast<std::uint64_t>(params_.horizon_blocks);
    stats_.events_processed += sim_.run_until(sim::tick_max, [&](sim::EntityId, WorldEvent& event) {
        if (auto* wake = std::get_if<AgentWake>(&event)) {
            acting_ = wake->agent;
            agents.on_wake(wake->agent, wake->tag, *this);
            acting_ = no_agent;
        } else if (auto* seen = std::get_if<BlockSeen>(&event)) {
            acting_ = seen->agent;
            agents.on_block(seen->agent, seen->height, *this);
            acting_ = no_agent;
        } else if (std::holds_alternative<DemandTick>(event)) {
            const Transaction tx = demand_.arrival(now_s(), next_txid());
            note_accept(tx, mempool_.submit(tx));
            sim_.schedule_in(sim::from_seconds(demand_.next_gap_s()), sim::EntityId{0}, DemandTick{});
        } else if (auto* tx_arrive = std::get_if<TxArrive>(&event)) {
            on_tx_arrive(*tx_arrive);
        } else if (std::holds_alternative<PrivatePublish>(event)) {
            if (publish_pending_chain())
                for (AgentIndex i = 0; i < agents.size(); ++i)
                    sim_.schedule_in(sim::from_seconds(agents.latency_s(i)), sim::EntityId{0}, BlockSeen{i, tip_});
        } else if (auto* block_arrive = std::get_if<BlockArrive>(&event)) {
            if (node_hears_block(block_arrive->node, block_arrive->from, block_arrive->block))
                tell_agents_at(block_arrive->node, agents);
        } else if (relay_) {
            // Agents see a block when their own node has it as its tip.
            const bool was_over = private_race_over_;
            mine_block();
            if (auto node = announce_found_block(!was_over && private_race_over_ && active_ == private_tip_))
                tell_agents_at(*node, agents);
            if (stats_.blocks < horizon) schedule_block();
        } else {
            // Agents see a block when it moves the chain they follow, not a fork beside it.
            if (mine_block())
                for (AgentIndex i = 0; i < agents.size(); ++i)
                    sim_.schedule_in(sim::from_seconds(agents.latency_s(i)), sim::EntityId{0}, BlockSeen{i, tip_});
            // After the agents' sightings of this block at the same time (events of equal time
            // run in the order they were scheduled).
            if (publish_pending_) sim_.schedule_in(sim::Tick{0}, sim::EntityId{0}, PrivatePublish{});
            if (stats_.blocks < horizon) schedule_block();
        }
        if ((agents.done(*this) && !fork_race_live()) ||
            (stats_.blocks >= horizon && std::holds_alternative<BlockFound>(event)))
            sim_.stop();
    });
}

}  // namespace models::bitcoin
