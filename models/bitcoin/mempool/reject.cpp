// Names of the reject reasons, for logs and test failure messages.
#include "models/bitcoin/mempool/reject.hpp"

namespace models::bitcoin::mempool {

const char* to_string(RejectReason r) {
    switch (r) {
        case RejectReason::duplicate:
            return "duplicate";
        case RejectReason::invalid_input:
            return "invalid_input";
        case RejectReason::non_final:
            return "non_final";
        case RejectReason::tx_too_large:
            return "tx_too_large";
        case RejectReason::min_relay_fee:
            return "min_relay_fee";
        case RejectReason::mempool_min_fee:
            return "mempool_min_fee";
        case RejectReason::mempool_full:
            return "mempool_full";
        case RejectReason::replacement_not_signalled:
            return "replacement_not_signalled";
        case RejectReason::replacement_adds_unconfirmed:
            return "replacement_adds_unconfirmed";
        case RejectReason::replacement_insufficient_fee:
            return "replacement_insufficient_fee";
        case RejectReason::replacement_insufficient_relay:
            return "replacement_insufficient_relay";
        case RejectReason::replacement_too_many:
            return "replacement_too_many";
        case RejectReason::replacement_feerate_not_higher:
            return "replacement_feerate_not_higher";
        case RejectReason::replacement_spends_conflict:
            return "replacement_spends_conflict";
        case RejectReason::replacement_diagram_not_better:
            return "replacement_diagram_not_better";
        case RejectReason::too_many_ancestors:
            return "too_many_ancestors";
        case RejectReason::ancestor_size:
            return "ancestor_size";
        case RejectReason::too_many_descendants:
            return "too_many_descendants";
        case RejectReason::descendant_size:
            return "descendant_size";
        case RejectReason::cluster_count:
            return "cluster_count";
        case RejectReason::cluster_size:
            return "cluster_size";
        case RejectReason::truc_spends_non_truc:
            return "truc_spends_non_truc";
        case RejectReason::non_truc_spends_truc:
            return "non_truc_spends_truc";
        case RejectReason::truc_too_large:
            return "truc_too_large";
        case RejectReason::truc_child_too_large:
            return "truc_child_too_large";
        case RejectReason::truc_too_many_ancestors:
            return "truc_too_many_ancestors";
        case RejectReason::truc_too_many_descendants:
            return "truc_too_many_descendants";
        case RejectReason::package_not_child_with_parent:
            return "package_not_child_with_parent";
        case RejectReason::package_rbf_cluster_too_large:
            return "package_rbf_cluster_too_large";
    }
    return "unknown";
}

}  // namespace models::bitcoin::mempool
