// See replacement.hpp.
#include "models/bitcoin/mempool/rules/replacement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

namespace {

bool listed(const std::vector<TxId>& ids, TxId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool signals(const Transaction& tx) {
    return std::any_of(tx.inputs.begin(), tx.inputs.end(),
                       [](const TxIn& in) { return in.sequence <= sequence_rbf_max; });
}

std::optional<Reject> rule1_signalling(const std::vector<TxId>& direct, const Mempool& pool) {
    if (pool.options().full_rbf) return std::nullopt;
    for (TxId d : direct) {
        const Transaction& tx = pool.find(d)->tx;
        if (tx.is_truc() || signals(tx)) continue;
        const auto anc = pool.ancestors(d);
        if (std::any_of(anc.begin(), anc.end(), [&](TxId a) { return signals(pool.find(a)->tx); }))
            continue;
        return Reject{RejectReason::replacement_not_signalled, fmt::format("tx {}", d)};
    }
    return std::nullopt;
}

std::optional<Reject> rule5_candidates(const std::vector<TxId>& direct,
                                       const std::vector<TxId>& all, const Mempool& pool) {
    const auto limit = pool.options().max_replacement_candidates;
    std::int64_t n = static_cast<std::int64_t>(all.size());
    if (pool.options().rules == RuleSet::cluster) {
        std::unordered_set<TxId> covered;
        n = 0;
        for (TxId d : direct) {
            if (covered.count(d)) continue;
            ++n;
            for (TxId m : pool.cluster(std::span<const TxId>(&d, 1))) covered.insert(m);
        }
    }
    if (n <= limit) return std::nullopt;
    return Reject{RejectReason::replacement_too_many, fmt::format("{} > {}", n, limit)};
}

std::optional<Reject> rule2_no_new_unconfirmed(const Candidate& c, const Mempool& pool) {
    for (TxId p : c.parents) {
        const bool known = std::any_of(c.direct_conflicts.begin(), c.direct_conflicts.end(),
                                       [&](TxId d) { return listed(pool.find(d)->parents, p); });
        if (!known)
            return Reject{RejectReason::replacement_adds_unconfirmed, fmt::format("parent {}", p)};
    }
    return std::nullopt;
}

std::optional<Reject> no_spent_conflict(const std::vector<TxId>& ancestors,
                                        const std::vector<TxId>& all) {
    for (TxId a : ancestors)
        if (listed(all, a))
            return Reject{RejectReason::replacement_spends_conflict, fmt::format("tx {}", a)};
    return std::nullopt;
}

std::optional<Reject> rule6_higher_feerate(FeeFrac paid, const std::vector<TxId>& direct,
                                           const Mempool& pool) {
    for (TxId d : direct)
        if (compare_rate(paid, pool.find(d)->own()) <= 0)
            return Reject{RejectReason::replacement_feerate_not_higher,
                          fmt::format("{:.3f} <= {:.3f} sat/vB of tx {}", paid.rate_sat_vb(),
                                      pool.find(d)->own().rate_sat_vb(), d)};
    return std::nullopt;
}

std::optional<Reject> rules34_pays(FeeFrac paid, const std::vector<TxId>& all,
                                   const Mempool& pool) {
    std::int64_t replaced = 0;
    for (TxId id : all) replaced += pool.find(id)->tx.fee.value;
    if (paid.fee_sat < replaced)
        return Reject{RejectReason::replacement_insufficient_fee,
                      fmt::format("{} < {} sat replaced", paid.fee_sat, replaced)};
    const Sat relay = pool.options().incremental_relay.fee_for(from_vbytes(paid.vsize_vb));
    if (paid.fee_sat - replaced < relay.value)
        return Reject{RejectReason::replacement_insufficient_relay,
                      fmt::format("extra {} < {} sat", paid.fee_sat - replaced, relay.value)};
    return std::nullopt;
}

/// The affected clusters' diagram before and after; `news` enter with their in-mempool parents
/// (and the package parent, when the second is its child).
std::optional<Reject> diagram_check(std::vector<const Candidate*> news,
                                    const std::vector<TxId>& direct, const std::vector<TxId>& all,
                                    const Mempool& pool) {
    std::vector<TxId> seeds = direct;
    for (const Candidate* n : news) seeds.insert(seeds.end(), n->parents.begin(), n->parents.end());
    const std::vector<TxId> old_ids = pool.cluster(seeds);
    const auto before = diagram_of(pool.chunks_of(old_ids));
    std::unordered_map<TxId, std::uint32_t> index;
    std::vector<LinearNode> nodes;
    for (TxId id : old_ids)
        if (!listed(all, id)) {
            index[id] = static_cast<std::uint32_t>(nodes.size());
            nodes.push_back(LinearNode{pool.find(id)->own(), {}});
        }
    for (const Candidate* n : news) {
        index[n->tx->id] = static_cast<std::uint32_t>(nodes.size());
        nodes.push_back(LinearNode{n->own(), {}});
    }
    for (auto& [id, i] : index) {
        const MempoolEntry* e = pool.find(id);
        const std::vector<TxId> none;
        std::vector<TxId> parents = e ? e->parents : none;
        for (const Candidate* n : news)
            if (n->tx->id == id) {
                parents = n->parents;
                if (n->package_parent) parents.push_back(n->package_parent->id);
            }
        for (TxId p : parents)
            if (auto it = index.find(p); it != index.end()) nodes[i].parents.push_back(it->second);
    }
    const auto after = diagram_of(linearize(nodes));
    if (strictly_better(after, before)) return std::nullopt;
    return Reject{RejectReason::replacement_diagram_not_better, "feerate diagram not improved"};
}

}  // namespace

std::optional<Reject> check_replacement(const Candidate& c, const Mempool& pool) {
    const bool cluster = pool.options().rules == RuleSet::cluster;
    const FeeFrac paid = c.own();
    if (auto r = rule1_signalling(c.direct_conflicts, pool)) return r;
    if (auto r = rule5_candidates(c.direct_conflicts, c.all_conflicts, pool)) return r;
    if (auto r = no_spent_conflict(c.ancestors, c.all_conflicts)) return r;
    if (!cluster) {
        if (auto r = rule2_no_new_unconfirmed(c, pool)) return r;
        if (auto r = rule6_higher_feerate(paid, c.direct_conflicts, pool)) return r;
    }
    if (auto r = rules34_pays(paid, c.all_conflicts, pool)) return r;
    if (cluster) return diagram_check({&c}, c.direct_conflicts, c.all_conflicts, pool);
    return std::nullopt;
}

std::optional<Reject> check_package_replacement(const Candidate& parent, const Candidate& child,
                                                const Mempool& pool) {
    std::vector<TxId> direct = parent.direct_conflicts;
    for (TxId d : child.direct_conflicts)
        if (!listed(direct, d)) direct.push_back(d);
    std::vector<TxId> all = parent.all_conflicts;
    for (TxId d : child.all_conflicts)
        if (!listed(all, d)) all.push_back(d);
    if (!parent.parents.empty() || !child.parents.empty())
        return Reject{RejectReason::package_rbf_cluster_too_large, "package has mempool parents"};
    for (TxId d : direct)
        if (pool.cluster(std::span<const TxId>(&d, 1), 3).size() > 2)
            return Reject{RejectReason::package_rbf_cluster_too_large,
                          fmt::format("cluster of tx {} holds more than 2", d)};
    FeeFrac paid = parent.own();
    paid += child.own();
    if (auto r = rule1_signalling(direct, pool)) return r;
    if (auto r = rule5_candidates(direct, all, pool)) return r;
    if (auto r = rules34_pays(paid, all, pool)) return r;
    return diagram_check({&parent, &child}, direct, all, pool);
}

}  // namespace models::bitcoin::mempool
