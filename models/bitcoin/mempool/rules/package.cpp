// See package.hpp.
#include "models/bitcoin/mempool/rules/package.hpp"

#include <algorithm>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

std::optional<Reject> check_package_shape(const Transaction& parent, const Transaction& child,
                                          const Mempool& pool) {
    bool spends_parent = false;
    for (const TxIn& in : child.inputs) {
        if (in.prevout.tx == parent.id)
            spends_parent = true;
        else if (pool.contains(in.prevout.tx))
            return Reject{RejectReason::package_not_child_with_parent,
                          "child has another unconfirmed parent"};
    }
    if (!spends_parent)
        return Reject{RejectReason::package_not_child_with_parent, "child does not spend parent"};
    return std::nullopt;
}

bool fee_related(RejectReason r, const Transaction& parent) {
    switch (r) {
        case RejectReason::min_relay_fee:
            return parent.is_truc();
        case RejectReason::mempool_min_fee:
        case RejectReason::replacement_insufficient_fee:
        case RejectReason::replacement_insufficient_relay:
        case RejectReason::replacement_feerate_not_higher:
        case RejectReason::replacement_diagram_not_better:
            return true;
        default:
            return false;
    }
}

}  // namespace models::bitcoin::mempool
