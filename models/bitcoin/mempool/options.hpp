// The mempool's policy settings and the two rule sets Layer2s have lived under. Defaults are
// Bitcoin Core's, cited per constant (file, release); presets name the release they copy.
//  - pre-cluster: Core v28.x / v29.x (ancestor/descendant limits, CPFP carve-out, BIP125 + rule 6,
//    TRUC and 1p1c package relay, full-RBF on by default since v28.0);
//  - cluster: Core v31.0 (PR #33629 "Cluster mempool", doc/release-notes-33629.md; carve-out
//  removed
//    per PR #34266): cluster count/size limits, replacements judged by the feerate diagram.
#pragma once

#include <cstdint>

#include "models/bitcoin/units.hpp"

namespace models::bitcoin::mempool {

enum class RuleSet { pre_cluster, cluster };

struct MempoolOptions {
    RuleSet rules = RuleSet::pre_cluster;
    /// -minrelaytxfee: DEFAULT_MIN_RELAY_TX_FEE = 1000 sat/kvB (policy/policy.h, up to v29.0);
    /// 100 sat/kvB from v29.1 and v30 (PR #33106).
    FeeRate min_relay{1.0};
    /// -incrementalrelayfee: DEFAULT_INCREMENTAL_RELAY_FEE, same history as min_relay (PR #33106).
    /// Prices replacements (BIP125 rule 4) and the dynamic minimum after evictions.
    FeeRate incremental_relay{1.0};
    /// -mempoolfullrbf: default true since v28.0 (option removed in v29): a conflict need not
    /// signal BIP125 replaceability. False restores rule 1.
    bool full_rbf = true;
    /// DEFAULT_ANCESTOR_LIMIT / DEFAULT_DESCENDANT_LIMIT = 25, *_SIZE_LIMIT_KVB = 101
    /// (policy/policy.h, v28); pre-cluster only (v31 dropped them, release-notes-33629.md).
    std::int64_t ancestor_count = 25;
    std::int64_t ancestor_size_vb = 101'000;
    std::int64_t descendant_count = 25;
    std::int64_t descendant_size_vb = 101'000;
    /// DEFAULT_CLUSTER_LIMIT = 64, DEFAULT_CLUSTER_SIZE_LIMIT_KVB = 101 (policy/policy.h, v31).
    std::int64_t cluster_count = 64;
    std::int64_t cluster_size_vb = 101'000;
    /// MAX_REPLACEMENT_CANDIDATES = 100 (policy/rbf.h): replaced txs incl. descendants up to v30,
    /// distinct conflicting clusters in v31 (policy/rbf.cpp GetEntriesForConflicts).
    std::int64_t max_replacement_candidates = 100;
    /// -maxmempool. Core bounds memory (DEFAULT_MAX_MEMPOOL_SIZE_MB = 300,
    /// kernel/mempool_options.h); this model bounds virtual size. 300 MvB is an upper bound on what
    /// 300 MB holds, since a transaction's memory footprint exceeds its vsize.
    std::int64_t max_vsize_vb = 300'000'000;
    /// ROLLING_FEE_HALFLIFE = 12 h (txmempool.h): decay of the dynamic minimum after a block.
    double rolling_fee_halflife_s = 43'200.0;

    static MempoolOptions core_v28() { return {}; }
    static MempoolOptions core_v29_1() {
        MempoolOptions o;
        o.min_relay = FeeRate{0.1};
        o.incremental_relay = FeeRate{0.1};
        return o;
    }
    static MempoolOptions core_v31() {
        MempoolOptions o = core_v29_1();
        o.rules = RuleSet::cluster;
        return o;
    }
};

/// Policy constants that are not settings in Core.
/// MAX_STANDARD_TX_WEIGHT (policy/policy.h).
inline constexpr Weight max_standard_tx_weight{400'000};
/// EXTRA_DESCENDANT_TX_SIZE_LIMIT (policy/policy.h, removed in v31): the CPFP carve-out's size.
inline constexpr std::int64_t carve_out_max_vsize_vb = 10'000;
/// TRUC_MAX_VSIZE, TRUC_CHILD_MAX_VSIZE, TRUC_ANCESTOR_LIMIT, TRUC_DESCENDANT_LIMIT
/// (policy/truc_policy.h, v28; BIP431).
inline constexpr std::int64_t truc_max_vsize_vb = 10'000;
inline constexpr std::int64_t truc_child_max_vsize_vb = 1'000;
inline constexpr std::int64_t truc_ancestor_limit = 2;
inline constexpr std::int64_t truc_descendant_limit = 2;
inline constexpr std::int32_t truc_version = 3;

}  // namespace models::bitcoin::mempool
