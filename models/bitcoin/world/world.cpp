// See world.hpp.
#include "models/bitcoin/world/world.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/bitcoin/tx/policy_check.hpp"
#include "sim/random/distributions.hpp"

namespace models::bitcoin {

namespace {

mempool::MempoolOptions options_named(const std::string& rules) {
    if (rules == "core_v28") return mempool::MempoolOptions::core_v28();
    if (rules == "core_v29_1") return mempool::MempoolOptions::core_v29_1();
    if (rules == "core_v31") return mempool::MempoolOptions::core_v31();
    throw std::invalid_argument("unknown mempool rules " + rules);
}

/// -blockmintxfee of the rule set's release: 1 sat/vB in v28, 1 sat/kvB from v29.1 (PR #33106),
/// so a transaction the v29.1 relay floor admits can also be mined.
FeeRate block_min_fee_named(const std::string& rules) {
    return rules == "core_v28" ? FeeRate{1.0} : FeeRate{0.001};
}

sim::RngStream stream(const sim::StreamFactory& f, WorldStream s) {
    return f.make(sim::StreamKey{0, static_cast<std::uint32_t>(s)});
}

bool is_background(const Transaction& tx) {
    return !tx.inputs.empty() && (tx.inputs.front().prevout.tx & background_coin_bit) != 0;
}

}  // namespace

World::World(const WorldParams& params, const sim::StreamFactory& streams)
    : params_(params),
      sim_(streams),
      mining_rng_(stream(streams, WorldStream::mining)),
      finder_rng_(stream(streams, WorldStream::finder)),
      pools_(params.pools.shares),
      controlled_(pools_.size(), false),
      bribe_rule_(bribe_rule_from(params.pools.bribe_rule)),
      mempool_(options_named(params.mempool.rules)),
      demand_(params.demand, stream(streams, WorldStream::demand)) {
    // Without propagation no relay stream is drawn from, so such runs stay bit-identical.
    if (params.propagation.enabled)
        relay_.emplace(params.propagation, stream(streams, WorldStream::relay_topology),
                       stream(streams, WorldStream::relay));
}

std::optional<Height> World::confirmed_at(TxId id) const {
    auto it = confirmed_.find(id);
    if (it == confirmed_.end()) return std::nullopt;
    return it->second;
}

void World::add_coin(const Outpoint& where, const TxOut& output, Height confirmed_height) {
    coins_.add(where, Coin{output, CoinTime{confirmed_height, 0}});
    mempool_.note_confirmed(where.tx, confirmed_height);
}

void World::start_at_height(Height height) {
    // Before any block: the tree's root stands at `height`, so every block built on it (and every
    // timelock checked against it) counts from there.
    if (tree_.size() != 1 || state_tip_ != start_block)
        throw std::logic_error("world: start_at_height after blocks were found");
    tree_.at(start_block).height = height;
    tip_ = height;
    mempool_.confirm_block(std::span<const TxId>{}, height, now_s());
}

void World::wake(AgentIndex agent, double delay_s, std::uint32_t tag) {
    sim_.schedule_in(sim::from_seconds(delay_s), sim::EntityId{0}, AgentWake{agent, tag});
}

void World::schedule_block() {
    // One Poisson process for all hash (Nakamoto 2008 §11); the finder is drawn when it fires.
    sim_.schedule_in(sim::from_seconds(sim::random::exponential_mean(mining_rng_, params_.block_interval_s)),
                     sim::EntityId{0}, BlockFound{});
}

bool World::valid_in_mempool(const Transaction& tx) const {
    // Bitcoin Core checks scripts at acceptance (validation.cpp PolicyScriptChecks); here: the
    // spent coin exists (confirmed, or an output of a modelled mempool transaction) and the
    // witness satisfies its policy. Timelocks are the mempool's own finality rule. First the
    // context-free checks (consensus/tx_check.cpp CheckTransaction, run by PreChecks): no
    // negative output and no output above the inputs, or a template would hold an invalid tx.
    if (tx.fee < Sat{0}) return false;
    for (const TxOut& out : tx.outputs)
        if (out.value < Sat{0}) return false;
    for (std::size_t i = 0; i < tx.inputs.size(); ++i) {
        const Outpoint& o = tx.inputs[i].prevout;
        const TxOut* spent = nullptr;
        if (const Coin* c = coins_.find(o)) spent = &c->output;
        else if (auto it = modelled_in_mempool_.find(o.tx); it != modelled_in_mempool_.end() && o.index < it->second.outputs.size())
            spent = &it->second.outputs[o.index];
        if (!spent || !spent->policy) return false;
        if (!witness_satisfies(*spent->policy, tx, i)) return false;
    }
    return true;
}

void World::note_accept(const Transaction& tx, const mempool::AcceptResult& r) {
    if (!r.accepted()) return;
    ++stats_.txs_broadcast;
    stats_.txs_replaced += r.replaced.size();
    for (TxId gone : r.replaced) modelled_in_mempool_.erase(gone);
    for (TxId gone : r.evicted) modelled_in_mempool_.erase(gone);
    if (!is_background(tx)) modelled_in_mempool_.emplace(tx.id, tx);
}

mempool::AcceptResult World::broadcast(const Transaction& tx) {
    if (!valid_in_mempool(tx)) {
        mempool::AcceptResult refused;
        refused.reject = mempool::Reject{mempool::RejectReason::invalid_input, "world: input missing or its policy not satisfied"};
        return refused;
    }
    auto r = mempool_.submit(tx);
    note_accept(tx, r);
    if (relay_ && r.accepted()) originate_tx(tx.id);
    return r;
}

mempool::AcceptResult World::broadcast_package(const Transaction& parent, const Transaction& child) {
    if (!valid_in_mempool(parent)) return broadcast(parent);
    auto r = mempool_.submit_package(parent, child);
    if (r.accepted()) {
        note_accept(parent, r);
        ++stats_.txs_broadcast;
        modelled_in_mempool_.emplace(child.id, child);
        if (relay_) {
            originate_tx(parent.id);
            originate_tx(child.id);
        }
    }
    return r;
}

std::vector<TxId> World::spenders_in_mempool(const Outpoint& o) const {
    std::vector<TxId> out;
    for (const auto& [id, tx] : modelled_in_mempool_)
        for (const TxIn& in : tx.inputs)
            if (in.prevout == o) out.push_back(id);
    std::sort(out.begin(), out.end());  // deterministic whatever the hash map's order
    return out;
}

bool World::is_allowed(TxId id) const {
    return std::find(orders_.allowed.begin(), orders_.allowed.end(), id) != orders_.allowed.end();
}

std::unordered_set<TxId> World::exclusions(std::size_t pool, const mempool::TemplateRequest& request) const {
    std::unordered_set<TxId> out;
    if (relay_) {
        // A pool builds its template from its own node's mempool: a modelled transaction its node
        // has not heard of yet cannot be in it (background demand is everywhere at once).
        const RelayNode node = relay_->pool_node(pool);
        for (const auto& [id, tx] : modelled_in_mempool_)
            if (!relay_->knows_tx(node, id)) out.insert(id);
    }
    if (controlled_[pool])
        for (const Outpoint& o : orders_.censored)
            for (TxId id : spenders_in_mempool(o))
                if (!is_allowed(id)) out.insert(id);
    if (bribe_rule_ == BribeRule::ignore) return out;
    for (const BribeOffer& offer : orders_.offers) {
        if (request.height >= offer.valid_from) continue;
        std::unordered_set<TxId> victims;
        for (TxId id : spenders_in_mempool(offer.contested))
            if (id != offer.briber_tx) victims.insert(id);
        if (victims.empty()) continue;
        // Myopic rule (Nadahalli et al. 2021 §4): compare the fees the template gives up by leaving
        // the victims out with this pool's expected share of the bribe.
        mempool::TemplateRequest with = request, without = request;
        with.excluded = &out;
        std::unordered_set<TxId> both = out;
        both.insert(victims.begin(), victims.end());
        without.excluded = &both;
        const Sat given_up = build_template(mempool_, with).fees - build_template(mempool_, without).fees;
        const auto bribe = static_cast<double>(offer.bribe.value), lost = static_cast<double>(given_up.value);
        const bool censors = bribe_rule_ == BribeRule::myopic
                                 ? pools_.share(pool) * bribe > lost
                                 : non_myopic_censors(pools_.shares(), bribe, lost, offer.valid_from - 1 - request.height)[pool];
        if (censors) out = std::move(both);
    }
    return out;
}

std::vector<Transaction> World::connect(const mempool::BlockTemplate& block, Height height,
                                        std::vector<std::pair<Outpoint, Coin>>* spent) {
    // The consensus check of every modelled transaction in block order (outputs of earlier ones
    // are spendable by later ones). A template never holds an invalid one, since acceptance and
    // finality were checked; a failure here would be a bug in the world, so it throws.
    std::vector<Transaction> modelled;
    const BlockContext ctx{height, 0};
    for (TxId id : block.txids) {
        auto it = modelled_in_mempool_.find(id);
        if (it == modelled_in_mempool_.end()) continue;
        const Transaction& tx = it->second;
        if (auto reject = check_transaction(tx, coins_, ctx))
            throw std::logic_error(std::string("world: a template holds an invalid transaction: ") +
                                   to_string(reject->reason) + " " + reject->detail);
        for (const TxIn& in : tx.inputs) {
            auto coin = coins_.spend(in.prevout);
            if (spent && coin) spent->emplace_back(in.prevout, std::move(*coin));
        }
        coins_.add_outputs(tx, CoinTime{height, 0});
        modelled.push_back(tx);
    }
    return modelled;
}

namespace {

MinedBlock record_of(const TreeBlock& b) { return {b.height, b.pool, b.time_s, b.fees, b.weight, b.modelled_ids}; }

}  // namespace

const std::vector<MinedBlock>& World::blocks() const {
    // Records the lazy prefix lacks, from the tree (oldest first).
    const std::size_t length = chain_length();
    if (mined_.size() < length) {
        std::vector<BlockIndex> missing;
        for (BlockIndex b = state_tip_; tree_[b].height - tree_[start_block].height > mined_.size(); b = tree_[b].parent)
            missing.push_back(b);
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) mined_.push_back(record_of(tree_[*it]));
    }
    return mined_;
}

void World::record_confirmed(const TreeBlock& b) {
    for (TxId id : b.modelled_ids) {
        confirmed_.emplace(id, b.height);
        modelled_in_mempool_.erase(id);
    }
    // Conflicts of the confirmed transactions left the mempool with them.
    std::erase_if(modelled_in_mempool_, [&](const auto& kv) { return !mempool_.contains(kv.first); });
    // Appended only to a complete prefix; otherwise blocks() builds it when asked.
    if (mined_.size() + 1 == b.height - tree_[start_block].height) mined_.push_back(record_of(b));
}

BlockIndex World::build_on(std::size_t pool, BlockIndex parent, bool published) {
    if (parent != state_tip_) move_state_to(parent);
    mempool::TemplateRequest request;
    request.height = tree_[parent].height + 1;
    request.min_fee_rate = block_min_fee_named(params_.mempool.rules);
    const auto excluded = exclusions(pool, request);
    request.excluded = &excluded;
    const mempool::BlockTemplate block = build_template(mempool_, request);
    TreeBlock node;
    node.parent = parent;
    node.height = request.height;
    node.pool = pool;
    node.time_s = now_s();
    node.published = published;
    node.fees = block.fees;
    node.weight = block.weight;
    // A block's contents are kept only while forks are possible: a linear chain never needs them.
    node.kept = fork_orders_.strategy != ForkStrategy::none || relay_.has_value();
    if (observe_confirmed_)
        for (TxId id : block.txids) observe_confirmed_(mempool_.find(id)->tx, request.height);
    const auto modelled = connect(block, request.height, node.kept ? &node.spent : nullptr);
    if (node.kept) {
        for (TxId id : block.txids)
            if (const mempool::MempoolEntry* e = mempool_.find(id)) node.txs.push_back(e->tx);
        node.modelled = modelled;
        mempool_.confirm_block(std::span<const Transaction>(node.txs), request.height, now_s());
    } else {
        mempool_.confirm_block(block.txids, request.height, now_s());
    }
    stats_.txs_confirmed += block.txids.size();
    for (const Transaction& tx : modelled) node.modelled_ids.push_back(tx.id);
    const BlockIndex b = tree_.add(std::move(node));
    record_confirmed(tree_[b]);
    state_tip_ = b;
    return b;
}

void World::disconnect_tip() {
    // Bitcoin Core validation.cpp DisconnectBlock: undo the coins (outputs created leave, spent
    // coins come back from the undo data), then the block's transactions return to the mempool
    // (MaybeUpdateMempoolForReorg, see Mempool::disconnect_block).
    const TreeBlock& b = tree_[state_tip_];
    if (!b.kept) throw std::logic_error("world: a reorg reached a block whose contents were not kept");
    for (auto it = b.modelled.rbegin(); it != b.modelled.rend(); ++it) {
        for (std::uint32_t i = 0; i < it->outputs.size(); ++i) coins_.spend(Outpoint{it->id, i});
        confirmed_.erase(it->id);
    }
    for (auto it = b.spent.rbegin(); it != b.spent.rend(); ++it) coins_.add(it->first, it->second);
    stats_.txs_confirmed -= b.txs.size();
    mempool_.disconnect_block(std::span<const Transaction>(b.txs), tree_[b.parent].height, now_s());
    for (const Transaction& tx : b.modelled)
        if (mempool_.contains(tx.id)) modelled_in_mempool_.emplace(tx.id, tx);
    std::erase_if(modelled_in_mempool_, [&](const auto& kv) { return !mempool_.contains(kv.first); });
    state_tip_ = b.parent;
    if (mined_.size() > chain_length()) mined_.resize(chain_length());
}

void World::disconnect_empty_run(BlockIndex to) {
    // What disconnect_tip does for each empty block, once: no coin, confirmation or mempool entry
    // changes; the mempool's tip goes down (Mempool::disconnect_block with no transactions only
    // sets its tip and trims, which after the first call has nothing left to trim).
    state_tip_ = to;
    mempool_.disconnect_block(std::span<const Transaction>{}, tree_[to].height, now_s());
    std::erase_if(modelled_in_mempool_, [&](const auto& kv) { return !mempool_.contains(kv.first); });
    if (mined_.size() > chain_length()) mined_.resize(chain_length());
}

void World::reconnect_empty_run(BlockIndex to) {
    // What reconnect does for each empty block, once: Mempool::confirm_block with no
    // transactions sets its tip and decays the fee floor at the same time (a second call at the
    // same time changes nothing); the records are left to blocks().
    mempool_.confirm_block(std::span<const Transaction>{}, tree_[to].height, now_s());
    std::erase_if(modelled_in_mempool_, [&](const auto& kv) { return !mempool_.contains(kv.first); });
    state_tip_ = to;
}

void World::reconnect(BlockIndex index) {
    // A block found before on this branch connects again (ConnectBlock): the same consensus check.
    const TreeBlock& b = tree_[index];
    const BlockContext ctx{b.height, 0};
    for (const Transaction& tx : b.modelled) {
        if (auto reject = check_transaction(tx, coins_, ctx))
            throw std::logic_error(std::string("world: a reorg reconnects an invalid transaction: ") +
                                   to_string(reject->reason) + " " + reject->detail);
        for (const TxIn& in : tx.inputs) coins_.spend(in.prevout);
        coins_.add_outputs(tx, CoinTime{b.height, 0});
    }
    mempool_.confirm_block(std::span<const Transaction>(b.txs), b.height, now_s());
    stats_.txs_confirmed += b.txs.size();
    record_confirmed(b);
    state_tip_ = index;
}

void World::move_state_to(BlockIndex target) {
    // Block by block as Bitcoin Core's ActivateBestChain, except that a run of empty blocks is
    // crossed in one step: a private race thousands of blocks deep switches branches at every
    // coalition block, and most of both branches is empty when nothing but the contested spend
    // is modelled. Each run's step has the effect of its blocks' steps in turn.
    const BlockIndex fork = tree_.fork_point(state_tip_, target);
    const Height fork_height = tree_[fork].height;
    while (state_tip_ != fork) {
        const TreeBlock& b = tree_[state_tip_];
        if (!b.empty()) {
            disconnect_tip();
            continue;
        }
        // The nearest block below with contents, or the fork when that is higher (both are
        // ancestors of the state's tip).
        const BlockIndex below = tree_[b.parent].contents_tip;
        disconnect_empty_run(tree_[below].height > fork_height ? below : fork);
    }
    // The blocks with contents on the way up, newest first, then connected oldest first with
    // the empty runs between them.
    std::vector<BlockIndex> with_contents;
    for (BlockIndex w = tree_[target].contents_tip; w != start_block && tree_[w].height > fork_height;
         w = tree_[tree_[w].parent].contents_tip)
        with_contents.push_back(w);
    for (auto it = with_contents.rbegin(); it != with_contents.rend(); ++it) {
        if (tree_[*it].parent != state_tip_) reconnect_empty_run(tree_[*it].parent);
        reconnect(*it);
    }
    if (state_tip_ != target) reconnect_empty_run(target);
}

bool World::censored_spend_in(const TreeBlock& b) const {
    for (const Transaction& tx : b.modelled) {
        if (is_allowed(tx.id)) continue;
        for (const TxIn& in : tx.inputs)
            if (std::find(orders_.censored.begin(), orders_.censored.end(), in.prevout) != orders_.censored.end())
                return true;
    }
    return false;
}

BlockIndex World::feather_target() const {
    // The oldest block of the current chain with a censored spend and at most `depth`
    // confirmations (the tip has one): forking from its parent orphans every such spend.
    BlockIndex target = no_block_index;
    BlockIndex b = active_;
    for (std::uint32_t confirmations = 1; confirmations <= fork_orders_.depth_blocks && b != start_block; ++confirmations) {
        if (censored_spend_in(tree_[b])) target = b;
        b = tree_[b].parent;
    }
    return target;
}

bool World::fork_race_live() const {
    switch (fork_orders_.strategy) {
        case ForkStrategy::none: return false;
        case ForkStrategy::feather_fork: return fork_tip_ != no_block_index || feather_target() != no_block_index;
        case ForkStrategy::private_race: return !private_race_over_;
    }
    return false;
}

bool World::private_publish_due() const {
    const Height a = tree_[private_tip_].height, h = tree_[active_].height;
    return a >= fork_orders_.race_until_height && a > h && h >= fork_orders_.publish_after_public_height &&
           public_confirmations_reached();
}

void World::publish_private_chain() {
    for (BlockIndex p = private_tip_; p != start_block && !tree_[p].published; p = tree_[p].parent)
        tree_.at(p).published = true;
    active_ = private_tip_;
    private_race_over_ = true;
}

bool World::publish_pending_chain() {
    publish_pending_ = false;
    if (private_race_over_ || private_tip_ == no_block_index || !private_publish_due()) return false;
    const BlockIndex before = active_;
    publish_private_chain();
    follow_active(before);
    return true;
}

void World::follow_active(BlockIndex before) {
    if (state_tip_ != active_) move_state_to(active_);
    const BlockIndex common = tree_.fork_point(before, active_);
    if (common != before)  // a reorg: the new tip does not descend from the old one
        max_reorg_depth_ = std::max(max_reorg_depth_, tree_[before].height - tree_[common].height);
    tip_ = tree_[active_].height;
}

bool World::public_confirmations_reached() const {
    const TxId tx = fork_orders_.publish_after_tx;
    if (tx == 0) return true;
    // Down the public chain over blocks with contents only, to the race's fork point.
    for (BlockIndex w = tree_[active_].contents_tip; w != start_block && tree_[w].height > fork_orders_.race_from_height;
         w = tree_[tree_[w].parent].contents_tip) {
        const auto& ids = tree_[w].modelled_ids;
        if (std::find(ids.begin(), ids.end(), tx) != ids.end())
            return tree_[active_].height - tree_[w].height + 1 >= fork_orders_.publish_after_confirmations;
    }
    return false;
}

BlockIndex World::honest_parent(std::size_t pool) const {
    // The longest chain, first seen: the world's, or with propagation the pool's own node's.
    return relay_ ? relay_->tip(relay_->pool_node(pool)) : active_;
}

BlockIndex World::parent_for(std::size_t pool) {
    if (!controlled_[pool]) return honest_parent(pool);
    switch (fork_orders_.strategy) {
        case ForkStrategy::none: return honest_parent(pool);
        case ForkStrategy::feather_fork: {
            if (fork_tip_ != no_block_index) return fork_tip_;
            const BlockIndex t = feather_target();
            return t == no_block_index ? active_ : tree_[t].parent;
        }
        case ForkStrategy::private_race:
            start_private_race_if_due();
            return private_race_over_ || private_tip_ == no_block_index ? active_ : private_tip_;
    }
    return active_;
}

void World::start_private_race_if_due() {
    // The race starts from the window's first block, once the public chain has it.
    if (private_tip_ == no_block_index && !private_race_over_ && tree_[active_].height >= fork_orders_.race_from_height)
        private_tip_ = tree_.ancestor_at(active_, fork_orders_.race_from_height);
}

void World::after_block(BlockIndex b, bool by_coalition) {
    if (fork_orders_.strategy == ForkStrategy::feather_fork) {
        // As in the race world (models/attacks/censorship.cpp): a coalition block that did not
        // become the tip is its fork's new tip; a fork whose target got too deep is abandoned.
        if (by_coalition) fork_tip_ = active_ == b ? no_block_index : b;
        else if (fork_tip_ != no_block_index && feather_target() == no_block_index) fork_tip_ = no_block_index;
    } else if (fork_orders_.strategy == ForkStrategy::private_race && !private_race_over_) {
        start_private_race_if_due();
        if (private_tip_ == no_block_index) return;
        // As models/attacks/private_race_censorship.cpp: publish when long enough and strictly
        // longer; give up when the public chain leads by the deficit.
        const Height a = tree_[private_tip_].height, h = tree_[active_].height;
        if (private_publish_due()) {
            // A double spend waits for the merchant: the block that gives the deposit its last
            // confirmation is seen by every agent first, and the chain is published a moment
            // later at the same time (Rosenfeld 2014: the attacker releases once the merchant
            // has accepted). Without relay only; with relay it is published with the block.
            if (fork_orders_.publish_after_tx != 0 && !relay_) publish_pending_ = true;
            else publish_private_chain();
        } else if (h >= a + fork_orders_.give_up_deficit_blocks) {
            private_race_over_ = true;
        }
    }
}

bool World::mine_block() {
    const std::size_t pool = pools_.finder(finder_rng_);
    const BlockIndex before = active_;
    const BlockIndex parent = parent_for(pool);
    const bool racing_privately = controlled_[pool] && fork_orders_.strategy == ForkStrategy::private_race &&
                                  !private_race_over_ && private_tip_ != no_block_index && parent == private_tip_;
    const BlockIndex b = build_on(pool, parent, !racing_privately);
    if (racing_privately) private_tip_ = b;
    last_pool_ = pool;
    last_block_ = b;
    // A published block becomes the tip only when strictly higher: ties keep the first seen.
    if (tree_[b].published && tree_[b].height > tree_[active_].height) active_ = b;
    after_block(b, controlled_[pool]);
    follow_active(before);
    ++stats_.blocks;
    return active_ != before;
}

void World::originate_tx(TxId id) {
    // A transaction leaves from the node of the agent whose callback broadcast it; one that enters
    // outside any agent (a scenario's set-up) is known everywhere at once.
    if (acting_ == no_agent) {
        relay_->learn_everywhere(id);
        return;
    }
    const RelayNode node = relay_->agent_node(acting_);
    relay_->learn_tx(node, id);
    relay_tx(node, node, id);
}

void World::relay_tx(RelayNode at, RelayNode from, TxId id) {
    const mempool::MempoolEntry* e = mempool_.find(id);
    if (!e) return;
    const std::int64_t bytes = e->tx.weight.vbytes();
    for (const RelayNetwork::Peer& peer : relay_->peers(at)) {
        if (peer.to == from || relay_->knows_tx(peer.to, id)) continue;
        const auto held = relay_->held_s(at, from, peer.to);
        if (!held) continue;  // an eclipse attacker's node withholds it
        const double delay_s = relay_->tx_hop_s(at, peer, bytes) + *held;
        sim_.schedule_in(sim::from_seconds(delay_s), sim::EntityId{0}, TxArrive{peer.to, at, id});
    }
}

void World::on_tx_arrive(const TxArrive& a) {
    // A transaction that was replaced or confirmed meanwhile is no longer relayed (a node asks
    // for what it does not have; the world keeps one policy mempool, see world-relay README).
    if (!mempool_.contains(a.tx)) return;
    if (!relay_->learn_tx(a.node, a.tx)) return;
    relay_tx(a.node, a.from, a.tx);
}

void World::relay_block(RelayNode at, RelayNode from, BlockIndex b) {
    const std::int64_t bytes = tree_[b].weight.vbytes();
    for (const RelayNetwork::Peer& peer : relay_->peers(at)) {
        if (peer.to == from || relay_->knows_block(peer.to, b)) continue;
        const auto held = relay_->held_s(at, from, peer.to);
        if (!held) continue;
        const double delay_s = relay_->block_hop_s(at, peer.to, bytes) + *held;
        sim_.schedule_in(sim::from_seconds(delay_s), sim::EntityId{0}, BlockArrive{peer.to, at, b});
    }
}

bool World::node_hears_block(RelayNode node, RelayNode from, BlockIndex b) {
    if (relay_->knows_block(node, b)) return false;
    relay_->learn_block(node, b);
    relay_block(node, from, b);
    // Bitcoin Core keeps the first-seen tip among equal work (validation.cpp, nSequenceId).
    if (tree_[b].height <= tree_[relay_->tip(node)].height) return false;
    relay_->set_tip(node, b);
    return true;
}

std::optional<RelayNode> World::announce_found_block(bool private_race_published) {
    // A private race's chain leaves the coalition's node only when it is published.
    const BlockIndex b = private_race_published ? active_ : last_block_;
    if (!tree_[b].published) return std::nullopt;
    const RelayNode node = relay_->pool_node(last_pool_);
    if (node_hears_block(node, node, b)) return node;
    return std::nullopt;
}

}  // namespace models::bitcoin
