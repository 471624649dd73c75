// See block_template.hpp.
#include "models/bitcoin/mempool/block_template.hpp"

#include <algorithm>
#include <queue>
#include <unordered_map>

#include "models/bitcoin/mempool/rules/finality.hpp"

namespace models::bitcoin::mempool {

namespace {

constexpr int max_consecutive_failures = 1000;      // node/miner.cpp
constexpr std::int64_t near_full_margin_wu = 4000;  // node/miner.cpp

/// Whether the template must leave entry `id` out: the pool excludes it, or it is not final at
/// the template's height (checked only when it may be timelocked, `unlocked` being false).
bool left_out(TxId id, bool unlocked, const Mempool& pool, const TemplateRequest& r) {
    return (r.excluded && r.excluded->count(id)) ||
           (!unlocked && !final_at(pool.find(id)->tx, pool, r.height, r.median_time_past_s));
}

/// Linked entries (with an in-mempool parent or child) that are left out, and all their
/// descendants. A standalone entry has no descendants: the fills check it with left_out when
/// they reach it.
std::unordered_set<TxId> blocked_set(const Mempool& pool, const TemplateRequest& r) {
    std::vector<TxId> stack;
    for (TxId id : pool.linked())
        if (left_out(id, never_locked(pool.find(id)->tx), pool, r)) stack.push_back(id);
    std::unordered_set<TxId> blocked(stack.begin(), stack.end());
    while (!stack.empty()) {
        const TxId id = stack.back();
        stack.pop_back();
        for (TxId c : pool.find(id)->children)
            if (blocked.insert(c).second) stack.push_back(c);
    }
    return blocked;
}

/// The standalone entries in mining order, skipping those left out. Merged with the linked
/// entries' packages or chunks under the same order, it gives exactly the sequence a sort of the
/// whole mempool gives, while reading only as far down as the block gets.
struct Standalone {
    const Mempool& pool;
    const TemplateRequest& request;
    Mempool::StandaloneIndex::const_iterator at, end;

    Standalone(const Mempool& p, const TemplateRequest& r)
        : pool(p), request(r), at(p.singletons().begin()), end(p.singletons().end()) {
        skip_left_out();
    }
    bool empty() const { return at == end; }
    const std::pair<FeeFrac, TxId>& top() const { return at->first; }
    Weight weight() const { return at->second.weight; }
    void pop() {
        ++at;
        skip_left_out();
    }
    void skip_left_out() {
        while (at != end && left_out(at->first.second, at->second.never_locked, pool, request)) ++at;
    }
};

struct Filler {
    const Mempool& pool;
    const TemplateRequest& request;
    BlockTemplate block;
    std::unordered_set<TxId> included;
    int failures = 0;

    /// False when the stop rule fires.
    bool fits(Weight w) {
        if (block.weight.wu + w.wu <= request.max_weight.wu) return true;
        ++failures;
        return false;
    }
    bool should_stop() const {
        return failures > max_consecutive_failures &&
               block.weight.wu > request.max_weight.wu - near_full_margin_wu;
    }
    void take(TxId id) {
        const Transaction& tx = pool.find(id)->tx;
        block.txids.push_back(id);
        block.weight += tx.weight;
        block.fees += tx.fee;
        included.insert(id);
        failures = 0;
    }
};

/// Takes the next standalone entry if it fits. False when it pays below the block minimum
/// feerate: everything after it pays less, so the fill ends.
bool offer_standalone(Filler& f, Standalone& alone) {
    const auto [own, id] = alone.top();
    const Weight w = alone.weight();
    alone.pop();
    if (!meets_rate(own, f.request.min_fee_rate)) return false;
    if (f.fits(w)) f.take(id);
    return true;
}

/// Not-yet-included ancestors of `id` with itself, parents first.
std::vector<TxId> package_of(const Mempool& pool, TxId id,
                             const std::unordered_set<TxId>& included) {
    std::vector<TxId> out;
    std::unordered_set<TxId> seen{id};
    std::vector<TxId> stack{id};
    while (!stack.empty()) {
        const TxId t = stack.back();
        stack.pop_back();
        out.push_back(t);
        for (TxId p : pool.find(t)->parents)
            if (!included.count(p) && seen.insert(p).second) stack.push_back(p);
    }
    // Core sorts a package by ancestor count; depth order keeps parents first the same way.
    std::vector<std::pair<std::size_t, TxId>> depth;
    for (TxId t : out) depth.push_back({pool.ancestors(t).size(), t});
    std::sort(depth.begin(), depth.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = depth[i].second;
    return out;
}

struct Scored {
    FeeFrac package;
    TxId id;
    std::uint32_t version;
    bool operator<(const Scored& o) const {  // max-heap on feerate; lower id first on ties
        const auto c = compare_rate(package, o.package);
        return c != 0 ? c < 0 : id > o.id;
    }
};

FeeFrac package_total(const Mempool& pool, const std::vector<TxId>& pkg) {
    FeeFrac f;
    for (TxId t : pkg) f += pool.find(t)->own();
    return f;
}

void fill_by_ancestor_score(Filler& f, const std::unordered_set<TxId>& blocked) {
    const Mempool& pool = f.pool;
    std::vector<Scored> seeds;
    for (TxId id : pool.linked())
        if (!blocked.count(id)) seeds.push_back({pool.with_ancestors(id), id, 0});
    // The order is total (ties broken by id), so the pops do not depend on how the heap was built.
    std::priority_queue<Scored> heap(std::less<Scored>{}, std::move(seeds));
    std::unordered_map<TxId, std::uint32_t> version;
    Standalone alone(pool, f.request);
    const auto stale = [&](const Scored& s) { return f.included.count(s.id) || version[s.id] != s.version; };
    while (!f.should_stop()) {
        while (!heap.empty() && stale(heap.top())) heap.pop();
        if (heap.empty() && alone.empty()) break;
        // A standalone entry is its own ancestor package, never rescored: it goes first when the
        // heap's top would rank below it (Scored's order).
        if (!alone.empty() && (heap.empty() || heap.top() < Scored{alone.top().first, alone.top().second, 0})) {
            if (!offer_standalone(f, alone)) break;
            continue;
        }
        const Scored s = heap.top();
        heap.pop();
        if (!meets_rate(s.package, f.request.min_fee_rate)) break;
        const std::vector<TxId> pkg = package_of(pool, s.id, f.included);
        Weight w;
        for (TxId t : pkg) w += pool.find(t)->tx.weight;
        if (!f.fits(w)) continue;
        for (TxId t : pkg) f.take(t);
        for (TxId t : pkg)  // descendants' packages shrank: rescore them (Core's modified entries)
            for (TxId d : pool.descendants(t)) {
                if (f.included.count(d) || blocked.count(d)) continue;
                heap.push({package_total(pool, package_of(pool, d, f.included)), d, ++version[d]});
            }
    }
}

void fill_by_chunks(Filler& f, const std::unordered_set<TxId>& blocked) {
    const Mempool& pool = f.pool;
    struct Ranked {
        Chunk chunk;
        std::size_t cluster, position;
    };
    std::vector<std::vector<TxId>> clusters;
    std::vector<TxId> cluster_key;  // smallest id: a tie-break independent of hash-map order
    std::vector<Ranked> ranked;
    std::unordered_set<TxId> seen;
    for (TxId id : pool.linked()) {
        if (blocked.count(id) || !seen.insert(id).second) continue;
        std::vector<TxId> members{id};
        for (std::size_t i = 0; i < members.size(); ++i) {
            const MempoolEntry& m = *pool.find(members[i]);
            for (const auto* side : {&m.parents, &m.children})
                for (TxId n : *side)
                    if (!blocked.count(n) && seen.insert(n).second) members.push_back(n);
        }
        std::size_t position = 0;
        for (Chunk& c : pool.chunks_of(members))
            ranked.push_back({std::move(c), clusters.size(), position++});
        cluster_key.push_back(*std::min_element(members.begin(), members.end()));
        clusters.push_back(std::move(members));
    }
    std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
        const auto c = compare_rate(a.chunk.total, b.chunk.total);
        if (c != 0) return c > 0;
        if (a.cluster != b.cluster) return cluster_key[a.cluster] < cluster_key[b.cluster];
        return a.position < b.position;
    });
    std::vector<char> skipped(clusters.size(), 0);
    Standalone alone(pool, f.request);
    // A standalone entry is a cluster of one, keyed by its own id: it goes before a linked chunk
    // that pays less, or as much with a larger cluster key.
    const auto alone_first = [&](const Ranked& r) {
        const auto c = compare_rate(alone.top().first, r.chunk.total);
        return c != 0 ? c > 0 : alone.top().second < cluster_key[r.cluster];
    };
    std::size_t next = 0;
    while (!f.should_stop() && (next < ranked.size() || !alone.empty())) {
        if (!alone.empty() && (next == ranked.size() || alone_first(ranked[next]))) {
            if (!offer_standalone(f, alone)) break;
            continue;
        }
        const Ranked& r = ranked[next++];
        if (skipped[r.cluster]) continue;
        if (!meets_rate(r.chunk.total, f.request.min_fee_rate)) break;
        Weight w;
        for (std::uint32_t m : r.chunk.members) w += pool.find(clusters[r.cluster][m])->tx.weight;
        if (!f.fits(w)) {
            skipped[r.cluster] = 1;  // BlockBuilder::Skip: later chunks of the cluster depend on it
            continue;
        }
        for (std::uint32_t m : r.chunk.members) f.take(clusters[r.cluster][m]);
    }
}

}  // namespace

BlockTemplate build_template(const Mempool& pool, const TemplateRequest& request) {
    const std::unordered_set<TxId> blocked = blocked_set(pool, request);
    Filler f{pool, request, {}, {}, 0};
    if (pool.options().rules == RuleSet::pre_cluster)
        fill_by_ancestor_score(f, blocked);
    else
        fill_by_chunks(f, blocked);
    return std::move(f.block);
}

}  // namespace models::bitcoin::mempool
