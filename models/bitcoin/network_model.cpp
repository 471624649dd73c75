// See network_model.hpp. Per block and node we keep the delivery time and whether a getdata is
// outstanding; an inv is scheduled only when it would arrive before any inv already on its way,
// which keeps the event count near a few per node and block (Dijkstra-style pruning). A node asks
// only the first peer whose inv reaches it, as SimBlock (Node.receiveMessage, downloadingBlocks)
// and Bitcoin Core's one-block-download-at-a-time per block do, so the pruned invs change nothing.
//
// Two relay models (network.relay_model), read from SimBlock (dsg-titech/simblock 5fc7f9f):
// - simblock: what SimBlock does. A sender serves its queued block requests one at a time and
//   stays busy until the block message ARRIVES: Node.sendNextBlockMessage runs again only from
//   BlockMessageTask.run / CmpctBlockMessageTask.run at the receiver, so busy time = transmission
//   + processing + latency. Every inv, getdata and getblocktxn takes latency + 10 ms
//   (AbstractMessageTask.getInterval). A compact block that the receiver fails to rebuild
//   (Node.receiveMessage, CmpctBlockMessageTask branch) costs the compact block itself, a
//   getblocktxn back to the sender, and a second block message queued behind the sender's other
//   requests (Node.sendNextBlockMessage, GetBlockTxnMessageTask branch, getFailedBlockSize).
//   Times are whole milliseconds as in SimBlock's long arithmetic: transmission =
//   floor(bits / floor(bit/s / 1000)) ms.
// - pipelined: the sender is busy for the transmission only (the link pipelines the latency), no
//   extra delay on control messages, and a failed compact block adds its missing bytes to the same
//   message. Propagation is about 2-3.5x faster than SimBlock's at 10,000 nodes.
#include "models/bitcoin/network_model.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <variant>

#include "models/attacks/closed_forms.hpp"
#include "models/bitcoin/attacker_node.hpp"
#include "models/bitcoin/p2p_network.hpp"
#include "models/bitcoin/race_world.hpp"
#include "models/bitcoin/simblock_tables.hpp"
#include "models/run_stats.hpp"

namespace models::bitcoin {

namespace {

struct Mine {};
struct Inv {
    BlockId block;
    sim::NodeId from;
};
struct GetData {
    BlockId block;
    sim::NodeId requester;
};
struct GetBlockTxn {  // simblock relay: the receiver of a failed compact block asks for the rest
    BlockId block;
    sim::NodeId requester;
};
struct Deliver {
    BlockId block;
    sim::NodeId from;
    bool compact;  // simblock relay: a compact block the receiver must still rebuild
};
using Message = std::variant<Mine, Inv, GetData, GetBlockTxn, Deliver>;

constexpr sim::Tick never = sim::tick_max;

class NetworkRun {
public:
    NetworkRun(const BitcoinParams& p, const sim::RunInput& in)
        : p_(p),
          streams_(in.master_seed, in.stream_run),
          topology_rng_(streams_.make({0, static_cast<std::uint32_t>(Purpose::topology)})),
          net_(p.network, topology_rng_,
               plays_on_network(p.attacker.strategy) ? p.attacker.hash_share : 0.0),
          honest_nodes_(static_cast<std::size_t>(p.network.nodes)),
          mining_rng_(streams_.make({0, static_cast<std::uint32_t>(Purpose::mining)})),
          latency_rng_(streams_.make({0, static_cast<std::uint32_t>(Purpose::latency)})),
          finder_(net_.hash_weights()),
          simulation_(streams_),
          busy_until_(net_.nodes(), 0),
          simblock_relay_(p.network.relay_model == "simblock"),
          control_delay_(simblock_relay_ ? sim::from_seconds(simblock::control_message_delay_s)
                                         : 0) {
        views_.assign(net_.nodes(), ChainView(store_));
        state_[genesis_block].released = true;
        if (net_.nodes() > honest_nodes_)
            attacker_ = make_attacker_node(
                p, {store_, views_[attacker_id()], [this](BlockId b) { publish(b); }});
    }

    std::vector<double> run();

private:
    struct NodeState {  // one block at one node, read together: one cache line per neighbour
        sim::Tick delivered = never, inv_due = never;
        bool requested = false;
    };
    struct Spread {  // how one block spread: node percentiles and hash-weighted delay, seconds
        double p50 = 0, p90 = 0, p100 = 0, tau = 0;
    };
    struct BlockState {
        std::vector<NodeState> at;  // released once every node has the block
        Spread spread;              // filled then (or at the end, if some node never got it)
        std::uint32_t reached = 0;
        sim::Tick found_at = 0;
        bool released = false;  // sent to the network (an attacker's block: once published)
    };

    void schedule_mining() {
        const double delay = sim::random::exponential_mean(mining_rng_, p_.chain.block_interval_s);
        simulation_.schedule_in(sim::from_seconds(delay), sim::EntityId{0}, Mine{});
    }
    void on_mine();
    BlockId add_block(sim::NodeId finder, BlockId parent);
    void on_attacker_found();
    void count_tie_race(BlockId honest_block);
    void on_validated(sim::NodeId v, BlockId b);
    void announce(sim::NodeId v, BlockId b);
    bool has_block(sim::NodeId v, BlockId b) const {
        const BlockState& s = state_[b];
        return s.at.empty() || s.at[v].delivered != never;  // released state: every node has it
    }
    void connect_waiting(sim::NodeId v, BlockId parent);
    void publish(BlockId target);
    sim::NodeId attacker_id() const { return static_cast<sim::NodeId>(honest_nodes_); }
    /// When `from` can start a block message. An honest node sends one at a time (SimBlock
    /// Node.sendNextBlockMessage); the attacker's node serves its peers in parallel, as an
    /// attacker does with many relays of its own (Eyal and Sirer 2014, section 4: gamma grows
    /// with the attacker's reach), so its reach is set by its peer count alone.
    sim::Tick send_start(sim::NodeId from) const {
        if (attacker_ && from == attacker_id()) return simulation_.now();
        return std::max(simulation_.now(), busy_until_[from]);
    }
    void settle(BlockState& s);
    Spread spread_of(const BlockState& s) const;
    void on_inv(sim::NodeId v, const Inv& m);
    void on_getdata(sim::NodeId sender, const GetData& m);
    void on_getblocktxn(sim::NodeId sender, const GetBlockTxn& m);
    void on_deliver(sim::NodeId v, const Deliver& m);
    void send_block(sim::NodeId from, sim::NodeId to, BlockId b);
    void send_pipelined(sim::NodeId from, sim::NodeId to, BlockId b);
    void send_queued(sim::NodeId from, sim::NodeId to, BlockId b, double bytes, bool compact);
    sim::Tick latency(sim::NodeId a, sim::NodeId b) {
        return net_.latency_ticks(a, b, latency_rng_);
    }
    std::vector<double> outcomes();

    const BitcoinParams& p_;
    sim::StreamFactory streams_;
    sim::RngStream topology_rng_;
    P2pNetwork net_;
    const std::size_t honest_nodes_;  // the attacker's node, if any, is the one after them
    sim::RngStream mining_rng_, latency_rng_;
    sim::random::DiscreteDistribution finder_;
    sim::Simulation<Message> simulation_;
    BlockStore store_;
    std::vector<ChainView> views_;
    std::vector<BlockState> state_{1};  // index = BlockId; genesis has no state
    std::vector<sim::Tick> busy_until_;
    const bool simblock_relay_;
    const sim::Tick control_delay_;  // added to inv / getdata / getblocktxn (simblock relay)
    std::uint64_t found_ = 0;
    std::vector<std::pair<sim::NodeId, BlockId>> waiting_;  // delivered before their parent
    std::unique_ptr<AttackerNode> attacker_;                // null: honest network only
    BlockId tie_block_ = no_block;  // the attacker's block that tied the public tip, race open
    std::uint64_t tie_honest_ = 0, tie_on_attacker_ = 0;
    double last_found_s_ = 0.0;
};

std::vector<double> NetworkRun::run() {
    schedule_mining();
    simulation_.run_until(sim::tick_max, [&](sim::EntityId target, Message& m) {
        const sim::NodeId v = target.value;
        if (std::holds_alternative<Mine>(m))
            on_mine();
        else if (auto* inv = std::get_if<Inv>(&m))
            on_inv(v, *inv);
        else if (auto* get = std::get_if<GetData>(&m))
            on_getdata(v, *get);
        else if (auto* txn = std::get_if<GetBlockTxn>(&m))
            on_getblocktxn(v, *txn);
        else
            on_deliver(v, std::get<Deliver>(m));
    });
    return outcomes();
}

void NetworkRun::on_mine() {
    const auto finder = static_cast<sim::NodeId>(finder_(mining_rng_));
    last_found_s_ = simulation_.now_seconds();
    if (attacker_ && finder == attacker_id()) {
        on_attacker_found();
    } else {
        const BlockId b = add_block(finder, views_[finder].tip());
        count_tie_race(b);
        state_[b].released = true;
        on_validated(finder, b);
    }
    // Stop finding blocks at the horizon; queued messages still drain so every block arrives.
    if (++found_ < static_cast<std::uint64_t>(p_.run.blocks)) schedule_mining();
    else if (attacker_) attacker_->finish();
}

BlockId NetworkRun::add_block(sim::NodeId finder, BlockId parent) {
    const bool by_attacker = attacker_ && finder == attacker_id();
    const BlockId b = store_.add(parent, finder, simulation_.now_seconds(), by_attacker, false);
    BlockState s;
    s.at.assign(net_.nodes(), NodeState{});
    s.found_at = simulation_.now();
    state_.push_back(std::move(s));
    return b;
}

void NetworkRun::on_attacker_found() {
    // A private block: its node holds it, nobody else does, and it is relayed only when the
    // strategy publishes it.
    const BlockId b = add_block(attacker_id(), attacker_->parent());
    state_[b].at[attacker_id()].delivered = simulation_.now();
    state_[b].reached = 1;
    attacker_->on_attacker_block(b);
}

void NetworkRun::count_tie_race(BlockId honest_block) {
    // Gamma as it emerges (Eyal and Sirer 2014, section 4): the next honest block found after the
    // attacker tied the public tip lands on the attacker's branch or not; either way it ends the
    // race (Sapirshtein et al. 2016, the match action's transitions).
    if (tie_block_ == no_block) return;
    ++tie_honest_;
    if (store_.is_ancestor(tie_block_, honest_block)) ++tie_on_attacker_;
    tie_block_ = no_block;
}

void NetworkRun::publish(BlockId target) {
    if (state_[target].released) return;
    // A chain that only ties the public tip the attacker's node sees opens a tie race (match);
    // a longer one closes any race (override).
    const ChainView& seen = views_[attacker_id()];
    if (store_[target].height == seen.height()) tie_block_ = target;
    else if (store_[target].height > seen.height()) tie_block_ = no_block;
    std::vector<BlockId> chain;  // the unpublished blocks up to target, sent oldest first
    for (BlockId b = target; !state_[b].released; b = store_[b].parent) chain.push_back(b);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        state_[*it].released = true;
        views_[attacker_id()].consider(*it);
        announce(attacker_id(), *it);
    }
}

void NetworkRun::on_validated(sim::NodeId v, BlockId b) {
    if (has_block(v, b)) return;
    state_[b].at[v].delivered = simulation_.now();
    const bool moved = views_[v].consider(b);
    // The attacker's node relays only its own blocks (publish): passing on its rivals' blocks
    // would only help them. An honest block that moves its public tip is the strategy's cue.
    if (attacker_ && v == attacker_id()) {
        if (moved) attacker_->on_public_tip(b);
    } else {
        announce(v, b);
    }
    BlockState& s = state_[b];
    if (++s.reached == s.at.size()) settle(s);
    connect_waiting(v, b);
}

void NetworkRun::connect_waiting(sim::NodeId v, BlockId parent) {
    // With an attacker, blocks are connected in order (Bitcoin Core validation.cpp: a block whose
    // parent is not yet connected waits, and is connected once the parent is): publishing a chain
    // sends several blocks at once, so a child often arrives first. Honest-only runs keep
    // SimBlock's rule (Node.receiveBlock takes a block on arrival), so the SimBlock validation of
    // the honest network is unchanged; there a child overtakes its parent only after a fork.
    for (std::size_t i = 0; i < waiting_.size(); ++i) {
        const auto [node, child] = waiting_[i];
        if (node != v || store_[child].parent != parent) continue;
        waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
        on_validated(v, child);
        i = static_cast<std::size_t>(-1);  // the list changed under the recursive call
    }
}

void NetworkRun::announce(sim::NodeId v, BlockId b) {
    BlockState& s = state_[b];
    for (const auto& link : net_.topology().links_from(v)) {
        const sim::NodeId u = link.to;
        NodeState& to = s.at[u];
        if (to.delivered != never || to.requested) continue;
        if (!p_.network.request_reply) {
            to.requested = true;
            send_block(v, u, b);
            continue;
        }
        const sim::Tick due = simulation_.now() + latency(v, u) + control_delay_;
        if (due >= to.inv_due) continue;
        to.inv_due = due;
        simulation_.schedule_at(due, sim::EntityId{u}, Inv{b, v});
    }
}

void NetworkRun::settle(BlockState& s) {
    // Every node has the block: keep its summary only, so memory does not grow with nodes x
    // blocks; invs still on their way are dropped (no node can still want the block, and no
    // request is outstanding since each node asks once and has been served).
    s.spread = spread_of(s);
    std::vector<NodeState>().swap(s.at);
}

NetworkRun::Spread NetworkRun::spread_of(const BlockState& s) const {
    const auto& w = net_.hash_weights();
    std::vector<double> delays(honest_nodes_);  // the attacker's node is not one of them
    Spread out;
    for (std::size_t v = 0; v < honest_nodes_; ++v) {
        delays[v] = sim::to_seconds(s.at[v].delivered - s.found_at);
        out.tau += w[v] * delays[v];  // hash-weighted delay: competing blocks come at rate w_v / T
    }
    const auto at = [&](double q) {
        const auto k =
            static_cast<std::ptrdiff_t>(std::ceil(q * static_cast<double>(delays.size()))) - 1;
        std::nth_element(delays.begin(), delays.begin() + k, delays.end());
        return delays[static_cast<std::size_t>(k)];
    };
    out.p100 = at(1.0);
    out.p90 = at(0.9);  // each call selects over the whole vector, so the order does not matter
    out.p50 = at(0.5);
    return out;
}

void NetworkRun::on_inv(sim::NodeId v, const Inv& m) {
    BlockState& s = state_[m.block];
    if (s.at.empty() || s.at[v].delivered != never || s.at[v].requested) return;
    s.at[v].requested = true;
    simulation_.schedule_in(latency(v, m.from) + control_delay_, sim::EntityId{m.from},
                            GetData{m.block, v});
}

void NetworkRun::on_getdata(sim::NodeId sender, const GetData& m) {
    send_block(sender, m.requester, m.block);
}

void NetworkRun::on_getblocktxn(sim::NodeId sender, const GetBlockTxn& m) {
    send_queued(sender, m.requester, m.block, net_.missing_bytes(sender, latency_rng_), false);
}

void NetworkRun::on_deliver(sim::NodeId v, const Deliver& m) {
    if (m.compact && net_.compact_fails(v, latency_rng_)) {
        simulation_.schedule_in(latency(v, m.from) + control_delay_, sim::EntityId{m.from},
                                GetBlockTxn{m.block, v});
        return;
    }
    if (attacker_ && !has_block(v, store_[m.block].parent)) {
        waiting_.emplace_back(v, m.block);
        return;
    }
    on_validated(v, m.block);
}

void NetworkRun::send_block(sim::NodeId from, sim::NodeId to, BlockId b) {
    if (!simblock_relay_) return send_pipelined(from, to, b);
    const bool compact = net_.sends_compact(from, to);
    send_queued(from, to, b,
                compact ? p_.network.compact_block_size_bytes : p_.network.block_size_bytes,
                compact);
}

void NetworkRun::send_queued(sim::NodeId from, sim::NodeId to, BlockId b, double bytes,
                             bool compact) {
    // One block message at a time per sender, FIFO by request arrival, and the sender stays busy
    // until the message arrives (SimBlock Node.sendNextBlockMessage, called back from
    // BlockMessageTask.run). Whole milliseconds: delay = bytes * 8 / (bandwidth / 1000) +
    // processing.
    const sim::Tick start = send_start(from);
    double bits_per_ms = net_.bandwidth_bps(from, to) / 1000.0;
    if (bits_per_ms >= 1.0)
        bits_per_ms = std::floor(bits_per_ms);  // below 1 bit/ms SimBlock divides by 0
    const double transmit_ms = std::floor(8.0 * bytes / bits_per_ms);
    const sim::Tick arrive = start +
                             sim::from_seconds(transmit_ms / 1000.0 + p_.network.processing_s) +
                             latency(from, to);
    busy_until_[from] = arrive;
    simulation_.schedule_at(arrive, sim::EntityId{to}, Deliver{b, from, compact});
}

void NetworkRun::send_pipelined(sim::NodeId from, sim::NodeId to, BlockId b) {
    // One block message at a time per sender (SimBlock Node.sendNextBlockMessage): FIFO.
    const sim::Tick start = send_start(from);
    const double bits = 8.0 * net_.block_bytes(from, to, latency_rng_);
    const sim::Tick transmit = sim::from_seconds(bits / net_.bandwidth_bps(from, to));
    busy_until_[from] = start + transmit;
    const sim::Tick arrive =
        start + transmit + latency(from, to) + sim::from_seconds(p_.network.processing_s);
    simulation_.schedule_at(arrive, sim::EntityId{to}, Deliver{b, from, false});
}

std::vector<double> NetworkRun::outcomes() {
    // The final main chain: the best tip most honest nodes hold (all agree once messages have
    // drained).
    const std::span<const ChainView> honest(views_.data(), honest_nodes_);
    BlockId tip = genesis_block;
    for (const auto& v : honest)
        if (store_[v.tip()].height > store_[tip].height) tip = v.tip();
    const auto main = store_.main_chain(tip);
    std::vector<double> p50, p90, p100, tau;
    std::uint32_t max_reorg = 0;
    for (const auto& v : honest) max_reorg = std::max(max_reorg, v.max_reorg_depth());
    double orphans = 0, attacker = 0, attacker_main = 0;
    for (BlockId b = 1; b < store_.size(); ++b) {
        const BlockState& s = state_[b];
        orphans += main[b] ? 0 : 1;
        if (store_[b].by_attacker) {  // propagation statistics are the honest blocks'
            ++attacker;
            attacker_main += main[b] ? 1 : 0;
            continue;
        }
        const Spread spread =
            s.at.empty() ? s.spread : spread_of(s);  // unsettled: a node never got it
        tau.push_back(spread.tau);
        p50.push_back(spread.p50);
        p90.push_back(spread.p90);
        p100.push_back(spread.p100);
    }
    const double all = static_cast<double>(store_.size() - 1);
    const auto mean = [](const std::vector<double>& xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.empty() ? 0.0 : s / static_cast<double>(xs.size());
    };
    const auto median = [](std::vector<double> xs) {  // middle value; mean of the two middle ones
        if (xs.empty()) return 0.0;
        std::sort(xs.begin(), xs.end());
        const std::size_t h = xs.size() / 2;
        return xs.size() % 2 ? xs[h] : 0.5 * (xs[h - 1] + xs[h]);
    };
    const double stale = all > 0 ? orphans / all : 0.0;
    const double main_blocks = all - orphans;
    const double share = attacker_ ? p_.attacker.hash_share : 0.0;
    std::vector<double> out{
        0.0, attacker, all - attacker, main_blocks, orphans, stale,
        static_cast<double>(max_reorg), main_blocks > 0 ? attacker_main / main_blocks : 0.0,
        share * last_found_s_, std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::quiet_NaN(), simulation_.now_seconds()};
    RunStats stats;  // the race columns' engine statistics: every node is an agent
    stats.events_processed = simulation_.events_committed();
    stats.agents = net_.nodes();
    stats.blocks = store_.size() - 1;
    stats.append_to(out);
    const std::vector<double> network{
        mean(p50), mean(p90), mean(p100), mean(tau),
        attacks::closed_forms::stale_rate_from_delays(tau, p_.chain.block_interval_s),
        static_cast<double>(simulation_.events_committed()), median(p50), median(p90),
        median(p100)};
    out.insert(out.end(), network.begin(), network.end());
    if (attacker_) {
        const auto n = static_cast<double>(tie_honest_), k = static_cast<double>(tie_on_attacker_);
        out.insert(out.end(), {n, k, n > 0 ? k / n : std::numeric_limits<double>::quiet_NaN()});
    }
    return out;
}

}  // namespace

std::vector<sim::Column> network_columns() {
    using sim::ColumnType;
    return {
        {"propagation_p50_s", ColumnType::f64, "s", "mean over blocks: time to reach 50% of nodes"},
        {"propagation_p90_s", ColumnType::f64, "s", "mean over blocks: time to reach 90% of nodes"},
        {"propagation_p100_s", ColumnType::f64, "s", "mean over blocks: time to reach all nodes"},
        {"hash_weighted_delay_s", ColumnType::f64, "s", "mean over blocks of sum_j h_j tau_j"},
        {"predicted_stale_rate", ColumnType::f64, "1",
         "1 - mean(exp(-tau/T)) from this run's delays"},
        {"events_committed", ColumnType::i64, "events", "engine events of the run"},
        {"propagation_p50_median_s", ColumnType::f64, "s",
         "median over blocks: time to reach 50% of nodes"},
        {"propagation_p90_median_s", ColumnType::f64, "s",
         "median over blocks: time to reach 90% of nodes"},
        {"propagation_p100_median_s", ColumnType::f64, "s",
         "median over blocks: time to reach all nodes"}};
}

std::vector<sim::Column> network_attacker_columns() {
    using sim::ColumnType;
    return {{"tie_race_honest_blocks", ColumnType::i64, "blocks",
             "honest blocks found while the attacker's published branch tied the public tip"},
            {"tie_race_blocks_on_attacker", ColumnType::i64, "blocks",
             "of those, blocks extending the attacker's branch"},
            {"measured_gamma", ColumnType::f64, "1",
             "tie_race_blocks_on_attacker / tie_race_honest_blocks (NaN if no tie race); pool "
             "the counts over runs for an estimate with a known binomial error"}};
}

sim::RunOutput run_network(const BitcoinParams& p, const sim::RunInput& in) {
    NetworkRun run(p, in);
    return {run.run(), {}};
}

}  // namespace models::bitcoin
