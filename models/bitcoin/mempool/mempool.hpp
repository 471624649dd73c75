// The mempool of one node: unconfirmed transactions linked to their in-mempool parents and
// children (parents are found from inputs that spend mempool outputs), an index from each spent
// outpoint to its spender (conflicts are found there), and the acceptance pipeline of Bitcoin
// Core's MemPoolAccept (validation.cpp) under one of two rule sets (options.hpp). Every rule
// family lives in rules/ and returns a reason or nothing. Block templates: block_template.hpp.
// The mempool does not hold the UTXO set: an input whose transaction is not in the mempool is
// taken as a confirmed, unspent coin (the world's consensus check rejects missing coins first).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "models/bitcoin/mempool/feerate_diagram.hpp"
#include "models/bitcoin/mempool/options.hpp"
#include "models/bitcoin/mempool/reject.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::mempool {

struct MempoolEntry {
    Transaction tx;
    std::vector<TxId> parents;   ///< in-mempool parents
    std::vector<TxId> children;  ///< in-mempool children
    std::uint64_t arrival = 0;   ///< acceptance order (tie-break)
    FeeFrac with_descendants;    ///< self + descendants (pre-cluster eviction score)
    FeeFrac chunk;               ///< the chunk holding this tx (cluster rules)
    FeeFrac evict_key;           ///< the score this entry is filed under in the eviction index
    mutable std::uint64_t mark = 0;

    FeeFrac own() const { return FeeFrac{tx.fee.value, tx.weight.vbytes()}; }
};

/// What acceptance learned about one transaction before deciding (Core's Workspace).
struct Candidate {
    const Transaction* tx = nullptr;
    std::vector<TxId> parents;                    ///< in-mempool parents
    std::vector<TxId> ancestors;                  ///< in-mempool ancestors, all generations
    std::vector<TxId> direct_conflicts;           ///< mempool txs spending one of its inputs
    std::vector<TxId> all_conflicts;              ///< direct conflicts and their descendants
    const Transaction* package_parent = nullptr;  ///< set for the child of a 1p1c package

    FeeFrac own() const { return FeeFrac{tx->fee.value, tx->weight.vbytes()}; }
};

struct AcceptResult {
    std::optional<Reject> reject;  ///< empty when accepted
    std::vector<TxId> replaced;    ///< removed by the replacement (incl. sibling eviction)
    std::vector<TxId> evicted;     ///< removed by size limiting after acceptance
    bool accepted() const { return !reject.has_value(); }
};

class Mempool {
public:
    explicit Mempool(MempoolOptions options = MempoolOptions::core_v28());

    /// Core's AcceptToMemoryPool for one transaction.
    AcceptResult submit(const Transaction& tx);
    /// Core's 1-parent-1-child package acceptance (v28, doc/policy/packages.md): the parent is
    /// tried alone first; if it fails only on fees, the pair is judged by its package feerate (and
    /// may replace by package RBF).
    AcceptResult submit_package(const Transaction& parent, const Transaction& child);

    /// Removes a block's transactions and everything conflicting with them; their children now
    /// have confirmed parents. Records confirmation heights for relative locks (BIP68) and lets
    /// the dynamic minimum feerate decay (txmempool.cpp GetMinFee).
    void confirm_block(std::span<const Transaction> block, Height height, double time_s);
    /// The same for a template mined from this mempool (ids not held here are ignored).
    void confirm_block(std::span<const TxId> ids, Height height, double time_s);
    /// Undoes confirm_block for a block that a reorg takes off the chain: its transactions come
    /// back (Bitcoin Core validation.cpp, Chainstate::MaybeUpdateMempoolForReorg: each is
    /// re-accepted with bypass_limits, i.e. without the fee floors, and one that no longer fits,
    /// e.g. no longer final at the lower tip, is dropped), then in-mempool spends of its outputs
    /// are re-linked (Core's UpdateTransactionsFromBlock; here they leave and are re-accepted after
    /// their parents), then the pool is trimmed to size (LimitMempoolSize). Returns the ids dropped.
    std::vector<TxId> disconnect_block(std::span<const Transaction> block, Height new_tip_height, double time_s);

    bool contains(TxId id) const { return entries_.count(id) != 0; }
    const MempoolEntry* find(TxId id) const;
    std::size_t size() const { return entries_.size(); }
    std::int64_t total_vsize_vb() const { return total_vsize_vb_; }
    const MempoolOptions& options() const { return options_; }
    Height tip_height() const { return tip_height_; }
    double tip_time_s() const { return tip_time_s_; }
    /// Height a coin created by `id` confirmed at, if it confirmed through confirm_block or
    /// note_confirmed; nullopt otherwise (then taken as long confirmed).
    std::optional<Height> coin_height(TxId id) const;
    void note_confirmed(TxId id, Height height) { coin_height_[id] = height; }

    /// The fee floor for new transactions: max(min relay, dynamic minimum after evictions).
    FeeRate min_fee_rate() const;
    /// In-mempool ancestors / descendants (all generations), excluding the tx itself.
    std::vector<TxId> ancestors(TxId id) const;
    std::vector<TxId> descendants(TxId id) const;
    /// The connected component(s) holding `ids`, stopping once more than `cap` are found.
    std::vector<TxId> cluster(std::span<const TxId> ids, std::size_t cap = SIZE_MAX) const;
    /// Ancestor-package feerate (CPFP score, pre-cluster mining order).
    FeeFrac with_ancestors(TxId id) const;
    /// Chunks of the given transactions' linearization (used for diagrams and templates).
    std::vector<Chunk> chunks_of(std::span<const TxId> ids,
                                 std::vector<TxId>* order = nullptr) const;
    /// Every entry, for template building and inspection.
    const std::unordered_map<TxId, MempoolEntry>& entries() const { return entries_; }

    /// Mining order of entries that stand alone: feerate high to low, the lower id first on ties.
    struct MiningOrder {
        bool operator()(const std::pair<FeeFrac, TxId>& a, const std::pair<FeeFrac, TxId>& b) const;
    };
    /// What a template needs of a standalone entry without looking it up.
    struct Standalone {
        Weight weight;
        bool never_locked = true;  ///< final at every height (rules/finality.hpp)
    };
    using StandaloneIndex = std::map<std::pair<FeeFrac, TxId>, Standalone, MiningOrder>;
    /// Entries with no parent and no child in the mempool (most of the background demand), keyed
    /// by their own (fee, vsize), in mining order. Each is its own ancestor package and its own
    /// chunk, so a template walks this index from the top instead of sorting the whole mempool.
    const StandaloneIndex& singletons() const { return singletons_; }
    /// The other entries: those with a parent or a child in the mempool.
    const std::unordered_set<TxId>& linked() const { return linked_; }

private:
    std::optional<Reject> prepare(const Transaction& tx, Candidate& c) const;
    std::optional<Reject> check_policy(Candidate& c, bool fee_checks) const;
    std::optional<Reject> check_package(Candidate& parent, Candidate& child) const;
    void insert(const Transaction& tx);
    void remove_set(const std::vector<TxId>& ids);
    void reindex(MempoolEntry& e);
    void refile(TxId id);  ///< files `id` under singletons_ or linked_ by its current links
    void refresh_clusters(std::span<const TxId> seeds);
    std::vector<TxId> trim_to_size();
    void decay_min_fee(double now_s);
    void walk(TxId from, bool up, std::vector<TxId>& out) const;
    std::vector<TxId> closure_down(std::span<const TxId> ids) const;

    struct OutpointHash {
        std::size_t operator()(const Outpoint& o) const {
            return std::hash<std::uint64_t>{}(o.tx * 0x9E3779B97F4A7C15ull + o.index);
        }
    };
    struct EvictOrder {
        bool operator()(const std::pair<FeeFrac, TxId>& a, const std::pair<FeeFrac, TxId>& b) const;
    };

    MempoolOptions options_;
    std::unordered_map<TxId, MempoolEntry> entries_;
    std::unordered_map<Outpoint, TxId, OutpointHash> spender_;
    std::unordered_map<TxId, Height> coin_height_;
    std::set<std::pair<FeeFrac, TxId>, EvictOrder> eviction_;
    StandaloneIndex singletons_;
    std::unordered_set<TxId> linked_;
    std::int64_t total_vsize_vb_ = 0;
    std::uint64_t arrivals_ = 0;
    mutable std::uint64_t epoch_ = 0;
    Height tip_height_ = 0;
    double tip_time_s_ = 0.0;
    double rolling_min_sat_vb_ = 0.0;
    double last_rolling_update_s_ = 0.0;
    bool block_since_bump_ = false;
};

}  // namespace models::bitcoin::mempool
