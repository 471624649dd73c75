// See truc.hpp.
#include "models/bitcoin/mempool/rules/truc.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

namespace {

bool listed(const std::vector<TxId>& ids, TxId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// A second child of a v3 parent: evict the first if it is the parent's only other descendant.
std::optional<Reject> sibling_or_reject(Candidate& c, const Mempool& pool, TxId parent) {
    std::vector<TxId> staying;
    for (TxId ch : pool.find(parent)->children)
        if (!listed(c.direct_conflicts, ch)) staying.push_back(ch);
    if (staying.empty()) return std::nullopt;
    if (staying.size() == 1 && pool.find(staying[0])->children.empty()) {
        c.direct_conflicts.push_back(staying[0]);
        return std::nullopt;
    }
    return Reject{RejectReason::truc_too_many_descendants,
                  fmt::format("parent {} already has a child", parent)};
}

}  // namespace

std::optional<Reject> check_truc(Candidate& c, const Mempool& pool) {
    const Transaction& tx = *c.tx;
    std::vector<const Transaction*> parents;
    for (TxId p : c.parents) parents.push_back(&pool.find(p)->tx);
    if (c.package_parent) parents.push_back(c.package_parent);
    if (!tx.is_truc()) {
        for (const Transaction* p : parents)
            if (p->is_truc())
                return Reject{RejectReason::non_truc_spends_truc, fmt::format("parent {}", p->id)};
        return std::nullopt;
    }
    const std::int64_t vsize = tx.weight.vbytes();
    if (vsize > truc_max_vsize_vb)
        return Reject{RejectReason::truc_too_large,
                      fmt::format("{} > {} vB", vsize, truc_max_vsize_vb)};
    if (parents.empty()) return std::nullopt;
    for (const Transaction* p : parents)
        if (!p->is_truc())
            return Reject{RejectReason::truc_spends_non_truc, fmt::format("parent {}", p->id)};
    const auto n_ancestors =
        static_cast<std::int64_t>(c.ancestors.size() + (c.package_parent ? 1 : 0)) + 1;
    if (n_ancestors > truc_ancestor_limit)
        return Reject{RejectReason::truc_too_many_ancestors,
                      fmt::format("{} > {}", n_ancestors, truc_ancestor_limit)};
    if (vsize > truc_child_max_vsize_vb)
        return Reject{RejectReason::truc_child_too_large,
                      fmt::format("{} > {} vB", vsize, truc_child_max_vsize_vb)};
    if (!c.parents.empty()) return sibling_or_reject(c, pool, c.parents.front());
    return std::nullopt;
}

}  // namespace models::bitcoin::mempool
