// See mempool.hpp.
#include "models/bitcoin/mempool.hpp"

#include <algorithm>
#include <unordered_set>

namespace models::bitcoin {

bool Mempool::add(const Transaction& tx) {
    if (tx.conflict_key != 0) {
        std::vector<TxId> conflicts;
        std::int64_t replaced_fee = 0;
        double best_rate = 0.0;
        for (const auto& [id, other] : txs_)
            if (other.conflict_key == tx.conflict_key) {
                conflicts.push_back(id);
                replaced_fee += other.fee_sat;
                best_rate = std::max(best_rate, other.fee_rate_sat_vb());
            }
        if (!conflicts.empty()) {
            // BIP125 rule 3: pay at least the replaced fees; rule 4: plus its own relay at the
            // incremental rate. Bitcoin Core also requires a higher fee rate than each original.
            const double own_relay = incremental_ * tx.weight_wu / 4.0;
            if (tx.fee_sat < replaced_fee + own_relay || tx.fee_rate_sat_vb() <= best_rate) return false;
            for (auto id : conflicts) remove(id);
        }
    }
    txs_[tx.id] = tx;
    return true;
}

void Mempool::remove(TxId id) {
    txs_.erase(id);
    std::vector<TxId> orphans;  // descendants cannot stay without their parent
    for (const auto& [cid, child] : txs_)
        if (std::find(child.parents.begin(), child.parents.end(), id) != child.parents.end()) orphans.push_back(cid);
    for (auto c : orphans) remove(c);
}

bool Mempool::final_at(const Transaction& tx, std::uint32_t height) {
    return height >= tx.cltv_height && height >= tx.confirmed_parent_height + tx.csv_blocks;
}

void Mempool::ancestors(TxId id, std::vector<TxId>& out) const {
    for (TxId p : txs_.at(id).parents)
        if (txs_.count(p) && std::find(out.begin(), out.end(), p) == out.end()) {
            out.push_back(p);
            ancestors(p, out);
        }
}

double Mempool::package_fee_rate(TxId id) const {
    std::vector<TxId> pkg{id};
    ancestors(id, pkg);
    std::int64_t fee = 0, weight = 0;
    for (TxId t : pkg) {
        fee += txs_.at(t).fee_sat;
        weight += txs_.at(t).weight_wu;
    }
    return weight > 0 ? 4.0 * fee / weight : 0.0;
}

std::vector<TxId> Mempool::build_template(std::uint32_t height, std::int64_t max_weight_wu,
                                          const std::vector<TxId>& excluded) const {
    std::unordered_set<TxId> chosen, banned(excluded.begin(), excluded.end());
    std::vector<TxId> order;
    std::int64_t weight = 0;
    for (;;) {  // greedy by ancestor score, recomputed after each package (Core's miner.cpp idea)
        TxId best = 0;
        double best_rate = -1.0;
        std::vector<TxId> best_pkg;
        for (const auto& [id, tx] : txs_) {
            if (chosen.count(id) || banned.count(id)) continue;
            std::vector<TxId> pkg{id};
            ancestors(id, pkg);
            std::int64_t fee = 0, w = 0;
            bool ok = true;
            for (TxId t : pkg) {
                if (chosen.count(t)) continue;
                const Transaction& x = txs_.at(t);
                ok = ok && !banned.count(t) && final_at(x, height);
                fee += x.fee_sat;
                w += x.weight_wu;
            }
            const double rate = w > 0 ? 4.0 * fee / w : 0.0;
            if (ok && weight + w <= max_weight_wu && (rate > best_rate || (rate == best_rate && id < best))) {
                best = id;
                best_rate = rate;
                best_pkg = pkg;
            }
        }
        if (best_rate < 0) return order;
        std::reverse(best_pkg.begin(), best_pkg.end());  // parents before children
        for (TxId t : best_pkg)
            if (chosen.insert(t).second) {
                order.push_back(t);
                weight += txs_.at(t).weight_wu;
            }
    }
}

void Mempool::confirm(const std::vector<TxId>& ids) {
    for (TxId id : ids) {
        if (!txs_.count(id)) continue;
        const auto key = txs_.at(id).conflict_key;
        txs_.erase(id);
        if (key == 0) continue;
        std::vector<TxId> conflicts;
        for (const auto& [cid, tx] : txs_)
            if (tx.conflict_key == key) conflicts.push_back(cid);
        for (auto c : conflicts) remove(c);
    }
}

}  // namespace models::bitcoin
