// Timelock rules (BIP65, BIP68, BIP112, BIP113); see lock_time.hpp for the sources.
#include "models/bitcoin/tx/lock_time.hpp"

namespace models::bitcoin {

bool is_final(const Transaction& tx, Height height, std::int64_t mtp_s) {
    if (tx.lock_time == 0) return true;
    const std::int64_t cutoff =
        tx.lock_time < lock_time_threshold ? static_cast<std::int64_t>(height) : mtp_s;
    if (static_cast<std::int64_t>(tx.lock_time) < cutoff) return true;
    for (const TxIn& in : tx.inputs)
        if (in.sequence != sequence_final) return false;
    return true;
}

bool relative_lock_met(const Transaction& tx, const TxIn& in, const CoinTime& coin, Height height,
                       std::int64_t mtp_s) {
    if (tx.version < 2) return true;  // BIP68 applies from version 2
    if (in.sequence & sequence_disable_flag) return true;
    const std::int64_t value = in.sequence & sequence_mask;
    if (in.sequence & sequence_type_flag) {
        const std::int64_t min_time = coin.mtp_s + (value << sequence_granularity_bits) - 1;
        return min_time < mtp_s;
    }
    const std::int64_t min_height = static_cast<std::int64_t>(coin.height) + value - 1;
    return min_height < static_cast<std::int64_t>(height);
}

bool cltv_passes(std::uint32_t lock, const Transaction& tx, const TxIn& in) {
    const bool lock_is_time = lock >= lock_time_threshold;
    const bool tx_is_time = tx.lock_time >= lock_time_threshold;
    if (lock_is_time != tx_is_time) return false;
    if (lock > tx.lock_time) return false;
    return in.sequence != sequence_final;
}

bool csv_passes(std::uint32_t blocks, const Transaction& tx, const TxIn& in) {
    if (tx.version < 2) return false;
    if (in.sequence & sequence_disable_flag) return false;
    if (in.sequence & sequence_type_flag) return false;  // older() counts blocks, the input time
    return (in.sequence & sequence_mask) >= blocks;
}

}  // namespace models::bitcoin
