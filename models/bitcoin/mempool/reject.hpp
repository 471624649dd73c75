// Why the mempool refused a transaction or package: one reason code per policy rule, named after
// the rule (Bitcoin Core reports these as strings in MempoolAcceptResult; here they are an enum so
// agents and tests branch on them by name).
#pragma once

#include <string>

namespace models::bitcoin::mempool {

enum class RejectReason {
    duplicate,        ///< already in the mempool ("txn-already-in-mempool")
    invalid_input,    ///< spends an output index a mempool parent does not have
    non_final,        ///< nLockTime or BIP68 relative lock not met at the next block
    tx_too_large,     ///< weight above MAX_STANDARD_TX_WEIGHT (policy/policy.h)
    min_relay_fee,    ///< below -minrelaytxfee ("min relay fee not met")
    mempool_min_fee,  ///< below the dynamic minimum after evictions ("mempool min fee not met")
    mempool_full,     ///< accepted then trimmed away at once ("mempool full")
    replacement_not_signalled,       ///< BIP125 rule 1 (only without full-RBF)
    replacement_adds_unconfirmed,    ///< BIP125 rule 2
    replacement_insufficient_fee,    ///< BIP125 rule 3: absolute fee below the replaced fees
    replacement_insufficient_relay,  ///< BIP125 rule 4: extra fee below incremental x own size
    replacement_too_many,            ///< BIP125 rule 5 (100 txs; 100 clusters under cluster rules)
    replacement_feerate_not_higher,  ///< Core's rule 6: feerate not above each direct conflict
    replacement_spends_conflict,     ///< spends an output of a transaction it would replace
    replacement_diagram_not_better,  ///< cluster mempool: feerate diagram not strictly better
    too_many_ancestors,              ///< -limitancestorcount
    ancestor_size,                   ///< -limitancestorsize
    too_many_descendants,            ///< -limitdescendantcount (for some ancestor)
    descendant_size,                 ///< -limitdescendantsize (for some ancestor)
    cluster_count,                   ///< -limitclustercount (cluster mempool)
    cluster_size,                    ///< -limitclustersize (cluster mempool)
    truc_spends_non_truc,            ///< v3 tx spending an unconfirmed non-v3 tx (BIP431)
    non_truc_spends_truc,            ///< non-v3 tx spending an unconfirmed v3 tx (BIP431)
    truc_too_large,                  ///< v3 tx above TRUC_MAX_VSIZE
    truc_child_too_large,            ///< v3 child above TRUC_CHILD_MAX_VSIZE
    truc_too_many_ancestors,         ///< v3 tx with more than one unconfirmed ancestor
    truc_too_many_descendants,  ///< v3 parent already has a child that cannot be sibling-evicted
    package_not_child_with_parent,  ///< not a 1-parent-1-child package
    package_rbf_cluster_too_large,  ///< package RBF needs conflicts in clusters of at most 2
};

const char* to_string(RejectReason r);

struct Reject {
    RejectReason reason;
    std::string detail;
};

}  // namespace models::bitcoin::mempool
