// Mempool and block templates at the level Layer2 models need: transactions with fee, weight and
// timelocks; replacement by fee (BIP125 rules 3-4); child-pays-for-parent through ancestor-package
// fee rates (Bitcoin Core's ancestor-score mining, miner.cpp); templates filled up to the block
// weight limit (BIP141: 4,000,000 WU).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace models::bitcoin {

using TxId = std::uint64_t;

struct Transaction {
    TxId id = 0;
    std::int64_t fee_sat = 0;
    std::int64_t weight_wu = 0;            ///< vsize = weight / 4
    std::vector<TxId> parents;             ///< unconfirmed parents in the mempool (CPFP)
    std::uint64_t conflict_key = 0;        ///< transactions spending the same output share a key (0: none)
    std::uint32_t cltv_height = 0;         ///< absolute timelock (BIP65): minable at height >= this
    std::uint32_t csv_blocks = 0;          ///< relative timelock (BIP68/112) after confirmed_parent_height
    std::uint32_t confirmed_parent_height = 0;

    double fee_rate_sat_vb() const { return weight_wu > 0 ? 4.0 * fee_sat / weight_wu : 0.0; }
};

class Mempool {
public:
    /// Minimum fee-rate increment for a replacement (Bitcoin Core's incremental relay fee).
    explicit Mempool(double incremental_sat_vb = 1.0) : incremental_(incremental_sat_vb) {}

    /// Adds a transaction; a conflicting one is replaced only under BIP125 rules 3 and 4 (pays at
    /// least the replaced fees plus its own size at the incremental rate). Returns false if refused.
    bool add(const Transaction& tx);
    bool contains(TxId id) const { return txs_.count(id) != 0; }
    std::size_t size() const { return txs_.size(); }
    void remove(TxId id);

    /// True when the timelocks allow inclusion in a block at `height`.
    static bool final_at(const Transaction& tx, std::uint32_t height);
    /// Ancestor-package fee rate (sat/vB) of a transaction: the CPFP score.
    double package_fee_rate(TxId id) const;
    /// Chooses transactions for a block at `height` by descending package fee rate, parents first,
    /// up to `max_weight_wu`; `excluded` are never picked (a censoring miner's blacklist).
    std::vector<TxId> build_template(std::uint32_t height, std::int64_t max_weight_wu,
                                     const std::vector<TxId>& excluded = {}) const;
    /// Removes the transactions a block confirmed (and their conflicts).
    void confirm(const std::vector<TxId>& ids);
    const Transaction& get(TxId id) const { return txs_.at(id); }

private:
    void ancestors(TxId id, std::vector<TxId>& out) const;

    double incremental_;
    std::unordered_map<TxId, Transaction> txs_;
};

}  // namespace models::bitcoin
