// Block templates from a mempool, as Bitcoin Core's BlockAssembler builds them (node/miner.cpp):
// pre-cluster (v28): repeatedly take the transaction whose not-yet-included ancestor package pays
// the highest feerate, with its ancestors (CPFP); cluster (v31): take chunks in feerate order, and
// when a chunk does not fit, skip the rest of its cluster. Both stop at the weight limit (after
// 1,000 consecutive misfits once within 4,000 WU of it, MAX_CONSECUTIVE_FAILURES) and below the
// block minimum feerate. Transactions not final at the template height, and those a censoring
// pool excludes, are left out with all their descendants.
#pragma once

#include <unordered_set>
#include <vector>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

struct TemplateRequest {
    Height height = 1;              ///< height of the block being built
    double median_time_past_s = 0;  ///< for time-based nLockTime
    /// Room for transactions: DEFAULT_BLOCK_MAX_WEIGHT = MAX_BLOCK_WEIGHT - 4,000 (policy/policy.h,
    /// v28), the rest kept for the coinbase.
    Weight max_weight{3'996'000};
    /// -blockmintxfee: DEFAULT_BLOCK_MIN_TX_FEE = 1000 sat/kvB (v28); 1 sat/kvB from v29.1 (PR
    /// #33106).
    FeeRate min_fee_rate{1.0};
    /// Transactions a pool will not mine (with everything spending them); may be null.
    const std::unordered_set<TxId>* excluded = nullptr;
};

struct BlockTemplate {
    std::vector<TxId> txids;  ///< parents before children
    Weight weight;
    Sat fees;
};

BlockTemplate build_template(const Mempool& pool, const TemplateRequest& request);

}  // namespace models::bitcoin::mempool
