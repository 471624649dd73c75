// See finality.hpp.
#include "models/bitcoin/mempool/rules/finality.hpp"

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

namespace {

bool lock_time_final(const Transaction& tx, Height height, double mtp_s) {
    if (tx.lock_time == 0) return true;
    const double limit = tx.lock_time < locktime_threshold ? static_cast<double>(height) : mtp_s;
    if (static_cast<double>(tx.lock_time) < limit) return true;
    for (const TxIn& in : tx.inputs)
        if (in.sequence != sequence_final) return false;
    return true;
}

bool relative_locks_met(const Transaction& tx, const Mempool& pool, Height height,
                        const Transaction* unconfirmed_parent) {
    if (tx.version < 2) return true;  // BIP68 applies to version 2 and above
    for (const TxIn& in : tx.inputs) {
        if (in.sequence & sequence_disable_flag) continue;
        if (in.sequence & sequence_type_flag) return false;  // time-based: not modelled
        const std::uint32_t wait_blocks = in.sequence & sequence_mask;
        if (wait_blocks == 0) continue;
        const bool unconfirmed = pool.contains(in.prevout.tx) ||
                                 (unconfirmed_parent && unconfirmed_parent->id == in.prevout.tx);
        const Height coin = unconfirmed ? height : pool.coin_height(in.prevout.tx).value_or(0);
        if (height < coin + wait_blocks) return false;
    }
    return true;
}

}  // namespace

bool never_locked(const Transaction& tx) {
    bool all_final = true;
    for (const TxIn& in : tx.inputs) all_final = all_final && in.sequence == sequence_final;
    if (tx.lock_time != 0 && !all_final) return false;  // lock_time_final depends on the height
    if (tx.version < 2) return true;
    for (const TxIn& in : tx.inputs) {
        if (in.sequence & sequence_disable_flag) continue;
        if ((in.sequence & sequence_type_flag) || (in.sequence & sequence_mask) != 0) return false;
    }
    return true;
}

bool final_at(const Transaction& tx, const Mempool& pool, Height height, double mtp_s,
              const Transaction* unconfirmed_parent) {
    return lock_time_final(tx, height, mtp_s) &&
           relative_locks_met(tx, pool, height, unconfirmed_parent);
}

std::optional<Reject> check_finality(const Transaction& tx, const Mempool& pool,
                                     const Transaction* unconfirmed_parent) {
    if (final_at(tx, pool, pool.tip_height() + 1, pool.tip_time_s(), unconfirmed_parent))
        return std::nullopt;
    return Reject{RejectReason::non_final, "timelock not met at the next block"};
}

}  // namespace models::bitcoin::mempool
