// See limits.hpp.
#include "models/bitcoin/mempool/rules/limits.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

namespace {

struct AncestryLimits {
    std::int64_t ancestor_count, ancestor_size_vb, descendant_count, descendant_size_vb;
};

bool listed(std::span<const TxId> ids, TxId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// Descendants of `a` including itself, without those that leave with the addition.
FeeFrac family_below(TxId a, const Mempool& pool, std::span<const TxId> removed,
                     std::int64_t& count) {
    const MempoolEntry& e = *pool.find(a);
    FeeFrac total = e.own();
    count = 1;
    for (TxId d : pool.descendants(a)) {
        if (listed(removed, d)) continue;
        total += pool.find(d)->own();
        ++count;
    }
    return total;
}

std::optional<Reject> check_with(const Addition& add, const Mempool& pool,
                                 const AncestryLimits& l) {
    std::int64_t ancestor_vb = add.vsize_vb;
    for (TxId a : add.ancestors) ancestor_vb += pool.find(a)->own().vsize_vb;
    const auto n_ancestors = static_cast<std::int64_t>(add.ancestors.size()) + add.count;
    if (n_ancestors > l.ancestor_count)
        return Reject{RejectReason::too_many_ancestors,
                      fmt::format("{} > {}", n_ancestors, l.ancestor_count)};
    if (ancestor_vb > l.ancestor_size_vb)
        return Reject{RejectReason::ancestor_size,
                      fmt::format("{} > {} vB", ancestor_vb, l.ancestor_size_vb)};
    for (TxId a : add.ancestors) {
        std::int64_t count = 0;
        const FeeFrac below = family_below(a, pool, add.removed, count);
        if (count + add.count > l.descendant_count)
            return Reject{
                RejectReason::too_many_descendants,
                fmt::format("tx {} would have {} > {}", a, count + add.count, l.descendant_count)};
        if (below.vsize_vb + add.vsize_vb > l.descendant_size_vb)
            return Reject{RejectReason::descendant_size,
                          fmt::format("tx {} would have {} > {} vB", a,
                                      below.vsize_vb + add.vsize_vb, l.descendant_size_vb)};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Reject> check_ancestry_limits(const Addition& add, const Mempool& pool) {
    const MempoolOptions& o = pool.options();
    const AncestryLimits normal{o.ancestor_count, o.ancestor_size_vb, o.descendant_count,
                                o.descendant_size_vb};
    auto first = check_with(add, pool, normal);
    if (!first || !add.carve_out_eligible || add.vsize_vb > carve_out_max_vsize_vb) return first;
    // The carve-out: exactly one unconfirmed ancestor (ancestor count 2 with itself).
    const AncestryLimits carve{2, o.ancestor_size_vb, o.descendant_count + 1,
                               o.descendant_size_vb + carve_out_max_vsize_vb};
    if (check_with(add, pool, carve)) return first;  // the original error, as Core reports it
    return std::nullopt;
}

std::optional<Reject> check_cluster_limits(const Addition& add, const Mempool& pool) {
    std::int64_t count = add.count, vsize = add.vsize_vb;
    const auto cap = static_cast<std::size_t>(pool.options().cluster_count) + 1;
    for (TxId id : pool.cluster(add.parents, cap + add.removed.size())) {
        if (listed(add.removed, id)) continue;
        ++count;
        vsize += pool.find(id)->own().vsize_vb;
    }
    const MempoolOptions& o = pool.options();
    if (count > o.cluster_count)
        return Reject{RejectReason::cluster_count, fmt::format("{} > {}", count, o.cluster_count)};
    if (vsize > o.cluster_size_vb)
        return Reject{RejectReason::cluster_size,
                      fmt::format("{} > {} vB", vsize, o.cluster_size_vb)};
    return std::nullopt;
}

std::optional<Reject> check_limits(const Addition& add, const Mempool& pool) {
    return pool.options().rules == RuleSet::pre_cluster ? check_ancestry_limits(add, pool)
                                                        : check_cluster_limits(add, pool);
}

}  // namespace models::bitcoin::mempool
