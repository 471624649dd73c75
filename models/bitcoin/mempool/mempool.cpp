// See mempool.hpp. Acceptance follows Core's MemPoolAccept: PreChecks (finality, inputs, conflicts,
// fee floors, limits, TRUC), ReplacementChecks, Finalize (remove conflicts, add), then
// LimitMempoolSize (trim by eviction score, raise the dynamic minimum).
#include "models/bitcoin/mempool/mempool.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "models/bitcoin/mempool/rules/fee_floor.hpp"
#include "models/bitcoin/mempool/rules/finality.hpp"
#include "models/bitcoin/mempool/rules/limits.hpp"
#include "models/bitcoin/mempool/rules/package.hpp"
#include "models/bitcoin/mempool/rules/replacement.hpp"
#include "models/bitcoin/mempool/rules/truc.hpp"

namespace models::bitcoin::mempool {

namespace {

void add_unique(std::vector<TxId>& ids, TxId id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

void erase_value(std::vector<TxId>& ids, TxId id) {
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

}  // namespace

bool Mempool::EvictOrder::operator()(const std::pair<FeeFrac, TxId>& a,
                                     const std::pair<FeeFrac, TxId>& b) const {
    const auto c = compare_rate(a.first, b.first);
    if (c != 0) return c < 0;
    return a.second > b.second;  // equal scores: the later id goes first
}

bool Mempool::MiningOrder::operator()(const std::pair<FeeFrac, TxId>& a,
                                      const std::pair<FeeFrac, TxId>& b) const {
    const auto c = compare_rate(a.first, b.first);
    if (c != 0) return c > 0;
    return a.second < b.second;
}

Mempool::Mempool(MempoolOptions options) : options_(options) {}

const MempoolEntry* Mempool::find(TxId id) const {
    const auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : &it->second;
}

std::optional<Height> Mempool::coin_height(TxId id) const {
    const auto it = coin_height_.find(id);
    if (it == coin_height_.end()) return std::nullopt;
    return it->second;
}

FeeRate Mempool::min_fee_rate() const {
    double floor = options_.min_relay.sat_vb;
    if (rolling_min_sat_vb_ > 0.0)
        floor = std::max(floor, std::max(rolling_min_sat_vb_, options_.incremental_relay.sat_vb));
    return FeeRate{floor};
}

// --- graph walks ------------------------------------------------------------------------------

void Mempool::walk(TxId from, bool up, std::vector<TxId>& out) const {
    std::vector<TxId> stack{from};
    while (!stack.empty()) {
        const MempoolEntry& e = entries_.at(stack.back());
        stack.pop_back();
        for (TxId n : up ? e.parents : e.children) {
            const MempoolEntry& ne = entries_.at(n);
            if (ne.mark == epoch_) continue;
            ne.mark = epoch_;
            out.push_back(n);
            stack.push_back(n);
        }
    }
}

std::vector<TxId> Mempool::ancestors(TxId id) const {
    std::vector<TxId> out;
    ++epoch_;
    entries_.at(id).mark = epoch_;
    walk(id, true, out);
    return out;
}

std::vector<TxId> Mempool::descendants(TxId id) const {
    std::vector<TxId> out;
    ++epoch_;
    entries_.at(id).mark = epoch_;
    walk(id, false, out);
    return out;
}

std::vector<TxId> Mempool::closure_down(std::span<const TxId> ids) const {
    std::vector<TxId> out;
    ++epoch_;
    for (TxId id : ids) {
        const MempoolEntry& e = entries_.at(id);
        if (e.mark == epoch_) continue;
        e.mark = epoch_;
        out.push_back(id);
    }
    const std::size_t roots = out.size();
    for (std::size_t i = 0; i < roots; ++i) walk(out[i], false, out);
    return out;
}

std::vector<TxId> Mempool::cluster(std::span<const TxId> ids, std::size_t cap) const {
    std::vector<TxId> out;
    ++epoch_;
    for (TxId id : ids) {
        const MempoolEntry* e = find(id);
        if (!e || e->mark == epoch_) continue;
        e->mark = epoch_;
        out.push_back(id);
    }
    for (std::size_t i = 0; i < out.size() && out.size() <= cap; ++i) {
        const MempoolEntry& e = entries_.at(out[i]);
        for (const auto* side : {&e.parents, &e.children})
            for (TxId n : *side) {
                const MempoolEntry& ne = entries_.at(n);
                if (ne.mark == epoch_) continue;
                ne.mark = epoch_;
                out.push_back(n);
            }
    }
    return out;
}

FeeFrac Mempool::with_ancestors(TxId id) const {
    FeeFrac total = entries_.at(id).own();
    for (TxId a : ancestors(id)) total += entries_.at(a).own();
    return total;
}

std::vector<Chunk> Mempool::chunks_of(std::span<const TxId> ids, std::vector<TxId>* order) const {
    std::unordered_map<TxId, std::uint32_t> index;
    index.reserve(ids.size());
    std::vector<LinearNode> nodes;
    nodes.reserve(ids.size());
    for (TxId id : ids) {
        index.emplace(id, static_cast<std::uint32_t>(nodes.size()));
        nodes.push_back(LinearNode{entries_.at(id).own(), {}});
    }
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (TxId p : entries_.at(ids[i]).parents)
            if (auto it = index.find(p); it != index.end()) nodes[i].parents.push_back(it->second);
    auto chunks = linearize(nodes);
    if (order)
        for (const Chunk& c : chunks)
            for (std::uint32_t m : c.members) order->push_back(ids[m]);
    return chunks;
}

// --- acceptance -------------------------------------------------------------------------------

std::optional<Reject> Mempool::prepare(const Transaction& tx, Candidate& c) const {
    c.tx = &tx;
    if (contains(tx.id)) return Reject{RejectReason::duplicate, "already in the mempool"};
    if (tx.weight.wu <= 0 || tx.inputs.empty())
        return Reject{RejectReason::invalid_input, "no weight or no inputs"};
    if (tx.weight > max_standard_tx_weight)
        return Reject{RejectReason::tx_too_large, "above MAX_STANDARD_TX_WEIGHT"};
    for (const TxIn& in : tx.inputs) {
        const Transaction* source =
            c.package_parent && c.package_parent->id == in.prevout.tx
                ? c.package_parent
                : (contains(in.prevout.tx) ? &find(in.prevout.tx)->tx : nullptr);
        if (source && in.prevout.index >= source->outputs.size())
            return Reject{RejectReason::invalid_input, "spends a missing output"};
        if (source && source != c.package_parent) add_unique(c.parents, in.prevout.tx);
        if (auto it = spender_.find(in.prevout); it != spender_.end())
            add_unique(c.direct_conflicts, it->second);
    }
    if (auto r = check_finality(tx, *this, c.package_parent)) return r;
    ++epoch_;
    for (TxId p : c.parents) {
        const MempoolEntry& e = entries_.at(p);
        if (e.mark == epoch_) continue;
        e.mark = epoch_;
        c.ancestors.push_back(p);
        walk(p, true, c.ancestors);
    }
    return std::nullopt;
}

std::optional<Reject> Mempool::check_policy(Candidate& c, bool fee_checks) const {
    if (fee_checks) {
        if (auto r = check_min_relay(*c.tx, *this, false)) return r;
        if (auto r = check_mempool_min_fee(c.own(), *this)) return r;
    }
    if (auto r = check_truc(c, *this)) return r;
    c.all_conflicts = closure_down(c.direct_conflicts);
    const Addition add{1,           c.own().vsize_vb, c.parents,
                       c.ancestors, c.all_conflicts,  !c.tx->is_truc()};
    if (auto r = check_limits(add, *this)) return r;
    if (!c.direct_conflicts.empty()) return check_replacement(c, *this);
    return std::nullopt;
}

AcceptResult Mempool::submit(const Transaction& tx) {
    Candidate c;
    if (auto r = prepare(tx, c)) return AcceptResult{r, {}, {}};
    if (auto r = check_policy(c, true)) return AcceptResult{r, {}, {}};
    AcceptResult out;
    out.replaced = c.all_conflicts;
    remove_set(c.all_conflicts);
    insert(tx);
    out.evicted = trim_to_size();
    if (!contains(tx.id)) out.reject = Reject{RejectReason::mempool_full, "trimmed at once"};
    return out;
}

std::optional<Reject> Mempool::check_package(Candidate& parent, Candidate& child) const {
    if (auto r = check_min_relay(*parent.tx, *this, true)) return r;
    if (auto r = check_min_relay(*child.tx, *this, true)) return r;
    FeeFrac paid = parent.own();
    paid += child.own();
    if (auto r = check_mempool_min_fee(paid, *this)) return r;
    if (auto r = check_truc(parent, *this)) return r;
    if (auto r = check_truc(child, *this)) return r;
    std::vector<TxId> direct = parent.direct_conflicts;
    for (TxId d : child.direct_conflicts) add_unique(direct, d);
    parent.all_conflicts = closure_down(parent.direct_conflicts);
    child.all_conflicts = closure_down(child.direct_conflicts);
    std::vector<TxId> all = closure_down(direct);
    const Addition add{2, paid.vsize_vb, parent.parents, parent.ancestors, all, false};
    if (auto r = check_limits(add, *this)) return r;
    if (!direct.empty()) return check_package_replacement(parent, child, *this);
    return std::nullopt;
}

AcceptResult Mempool::submit_package(const Transaction& parent, const Transaction& child) {
    if (auto r = check_package_shape(parent, child, *this)) return AcceptResult{r, {}, {}};
    AcceptResult alone = submit(parent);
    if (alone.accepted() || alone.reject->reason == RejectReason::duplicate) {
        AcceptResult second = submit(child);
        second.replaced.insert(second.replaced.end(), alone.replaced.begin(), alone.replaced.end());
        second.evicted.insert(second.evicted.end(), alone.evicted.begin(), alone.evicted.end());
        return second;
    }
    if (!fee_related(alone.reject->reason, parent)) return alone;
    Candidate p, c;
    c.package_parent = &parent;
    if (auto r = prepare(parent, p)) return AcceptResult{r, {}, {}};
    if (auto r = prepare(child, c)) return AcceptResult{r, {}, {}};
    if (auto r = check_package(p, c)) return AcceptResult{r, {}, {}};
    AcceptResult out;
    out.replaced = p.all_conflicts;
    for (TxId d : c.all_conflicts) add_unique(out.replaced, d);
    remove_set(out.replaced);
    insert(parent);
    insert(child);
    out.evicted = trim_to_size();
    if (!contains(parent.id) || !contains(child.id))
        out.reject = Reject{RejectReason::mempool_full, "trimmed at once"};
    return out;
}

// --- bookkeeping ------------------------------------------------------------------------------

void Mempool::reindex(MempoolEntry& e) {
    if (e.evict_key.vsize_vb > 0) eviction_.erase({e.evict_key, e.tx.id});
    if (options_.rules == RuleSet::pre_cluster) {
        // Core's descendant score: the better of its own and its descendant package's feerate.
        e.evict_key = compare_rate(e.own(), e.with_descendants) > 0 ? e.own() : e.with_descendants;
    } else {
        e.evict_key = e.chunk;
    }
    eviction_.insert({e.evict_key, e.tx.id});
}

void Mempool::refile(TxId id) {
    const MempoolEntry& e = entries_.at(id);
    if (e.parents.empty() && e.children.empty()) {
        linked_.erase(id);
        singletons_.insert({{e.own(), id}, Standalone{e.tx.weight, never_locked(e.tx)}});
    } else {
        singletons_.erase({e.own(), id});
        linked_.insert(id);
    }
}

void Mempool::insert(const Transaction& tx) {
    MempoolEntry& e = entries_[tx.id];
    e.tx = tx;
    e.arrival = ++arrivals_;
    for (const TxIn& in : tx.inputs) {
        spender_[in.prevout] = tx.id;
        if (auto it = entries_.find(in.prevout.tx); it != entries_.end()) {
            add_unique(e.parents, in.prevout.tx);
            add_unique(it->second.children, tx.id);
        }
    }
    total_vsize_vb_ += e.own().vsize_vb;
    refile(tx.id);
    for (TxId p : e.parents) refile(p);
    e.with_descendants = e.own();
    e.chunk = e.own();
    if (options_.rules == RuleSet::pre_cluster) {
        for (TxId a : ancestors(tx.id)) {
            MempoolEntry& ae = entries_.at(a);
            ae.with_descendants += e.own();
            reindex(ae);
        }
        reindex(e);
    } else {
        const TxId seed = tx.id;
        refresh_clusters(std::span<const TxId>(&seed, 1));
    }
}

void Mempool::remove_set(const std::vector<TxId>& ids) {
    if (ids.empty()) return;
    const std::unordered_set<TxId> leaving(ids.begin(), ids.end());
    std::vector<TxId> neighbours;
    for (TxId x : ids) {
        const MempoolEntry& xe = entries_.at(x);
        if (options_.rules == RuleSet::pre_cluster) {
            for (TxId a : ancestors(x)) {
                if (leaving.count(a)) continue;
                MempoolEntry& ae = entries_.at(a);
                ae.with_descendants -= xe.own();
                reindex(ae);
            }
        }
        for (const auto* side : {&xe.parents, &xe.children})
            for (TxId n : *side)
                if (!leaving.count(n)) add_unique(neighbours, n);
    }
    for (TxId x : ids) {
        MempoolEntry& xe = entries_.at(x);
        eviction_.erase({xe.evict_key, x});
        singletons_.erase({xe.own(), x});
        linked_.erase(x);
        for (const TxIn& in : xe.tx.inputs)
            if (auto it = spender_.find(in.prevout); it != spender_.end() && it->second == x)
                spender_.erase(it);
        for (TxId p : xe.parents)
            if (auto it = entries_.find(p); it != entries_.end())
                erase_value(it->second.children, x);
        for (TxId ch : xe.children)
            if (auto it = entries_.find(ch); it != entries_.end())
                erase_value(it->second.parents, x);
        total_vsize_vb_ -= xe.own().vsize_vb;
        entries_.erase(x);
    }
    for (TxId n : neighbours) refile(n);  // a neighbour may have lost its last link
    if (options_.rules == RuleSet::cluster) refresh_clusters(neighbours);
}

void Mempool::refresh_clusters(std::span<const TxId> seeds) {
    std::unordered_set<TxId> done;
    for (TxId s : seeds) {
        if (done.count(s) || !contains(s)) continue;
        const std::vector<TxId> members = cluster(std::span<const TxId>(&s, 1));
        done.insert(members.begin(), members.end());
        for (const Chunk& c : chunks_of(members))
            for (std::uint32_t m : c.members) {
                MempoolEntry& e = entries_.at(members[m]);
                e.chunk = c.total;
                reindex(e);
            }
    }
}

std::vector<TxId> Mempool::trim_to_size() {
    std::vector<TxId> evicted;
    while (total_vsize_vb_ > options_.max_vsize_vb && !eviction_.empty()) {
        const TxId worst = eviction_.begin()->second;
        std::vector<TxId> leaving;
        FeeFrac removed;
        if (options_.rules == RuleSet::pre_cluster) {
            // TrimToSize (txmempool.cpp, v28): the lowest descendant score goes, with descendants.
            leaving = closure_down(std::span<const TxId>(&worst, 1));
            removed = entries_.at(worst).with_descendants;
        } else {
            // v31: the last chunk of the worst cluster (txgraph GetWorstMainChunk).
            const std::vector<TxId> members = cluster(std::span<const TxId>(&worst, 1));
            const auto chunks = chunks_of(members);
            for (std::uint32_t m : chunks.back().members) leaving.push_back(members[m]);
            removed = chunks.back().total;
        }
        // trackPackageRemoved: the floor becomes the removed feerate plus the incremental feerate.
        rolling_min_sat_vb_ = std::max(rolling_min_sat_vb_,
                                       removed.rate_sat_vb() + options_.incremental_relay.sat_vb);
        last_rolling_update_s_ = tip_time_s_;
        block_since_bump_ = false;
        remove_set(leaving);
        evicted.insert(evicted.end(), leaving.begin(), leaving.end());
    }
    return evicted;
}

void Mempool::decay_min_fee(double now_s) {
    // GetMinFee (txmempool.cpp): after a block, the floor halves every 12 h, faster when the
    // mempool is under half (6 h) or a quarter (3 h) full; below half the incremental it is gone.
    if (!block_since_bump_ || rolling_min_sat_vb_ == 0.0) return;
    if (now_s <= last_rolling_update_s_ + 10.0) return;
    double halflife = options_.rolling_fee_halflife_s;
    if (total_vsize_vb_ < options_.max_vsize_vb / 4)
        halflife /= 4;
    else if (total_vsize_vb_ < options_.max_vsize_vb / 2)
        halflife /= 2;
    rolling_min_sat_vb_ /= std::pow(2.0, (now_s - last_rolling_update_s_) / halflife);
    last_rolling_update_s_ = now_s;
    if (rolling_min_sat_vb_ < options_.incremental_relay.sat_vb / 2) rolling_min_sat_vb_ = 0.0;
}

void Mempool::confirm_block(std::span<const Transaction> block, Height height, double time_s) {
    std::vector<TxId> mined;
    for (const Transaction& tx : block)
        if (contains(tx.id)) mined.push_back(tx.id);
    remove_set(mined);
    std::vector<TxId> direct;
    for (const Transaction& tx : block)
        for (const TxIn& in : tx.inputs)
            if (auto it = spender_.find(in.prevout); it != spender_.end())
                add_unique(direct, it->second);
    remove_set(closure_down(direct));
    for (const Transaction& tx : block) coin_height_[tx.id] = height;
    tip_height_ = height;
    tip_time_s_ = time_s;
    block_since_bump_ = true;
    decay_min_fee(time_s);
}

void Mempool::confirm_block(std::span<const TxId> ids, Height height, double time_s) {
    std::vector<Transaction> block;
    block.reserve(ids.size());
    for (TxId id : ids)
        if (const MempoolEntry* e = find(id)) block.push_back(e->tx);
    confirm_block(std::span<const Transaction>(block), height, time_s);
}

std::vector<TxId> Mempool::disconnect_block(std::span<const Transaction> block, Height new_tip_height, double time_s) {
    for (const Transaction& tx : block) coin_height_.erase(tx.id);
    tip_height_ = new_tip_height;
    tip_time_s_ = time_s;
    std::vector<TxId> direct;
    for (const Transaction& tx : block)
        for (std::uint32_t i = 0; i < tx.outputs.size(); ++i)
            if (auto it = spender_.find(Outpoint{tx.id, i}); it != spender_.end()) add_unique(direct, it->second);
    const std::vector<TxId> dependent_ids = closure_down(direct);
    std::vector<const MempoolEntry*> order;
    for (TxId id : dependent_ids) order.push_back(&entries_.at(id));
    std::sort(order.begin(), order.end(), [](const MempoolEntry* a, const MempoolEntry* b) { return a->arrival < b->arrival; });
    std::vector<Transaction> dependents;  // acceptance order: parents before children
    for (const MempoolEntry* e : order) dependents.push_back(e->tx);
    remove_set(dependent_ids);
    std::vector<TxId> dropped;
    const auto reaccept = [&](const Transaction& tx) {
        Candidate c;
        if (prepare(tx, c) || check_policy(c, false)) {
            dropped.push_back(tx.id);
            return;
        }
        remove_set(c.all_conflicts);
        insert(tx);
    };
    for (const Transaction& tx : block) reaccept(tx);
    for (const Transaction& tx : dependents) reaccept(tx);
    for (TxId id : trim_to_size()) dropped.push_back(id);
    return dropped;
}

}  // namespace models::bitcoin::mempool
