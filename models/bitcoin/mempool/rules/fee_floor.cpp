// See fee_floor.hpp.
#include "models/bitcoin/mempool/rules/fee_floor.hpp"

#include <fmt/format.h>

#include "models/bitcoin/mempool/mempool.hpp"

namespace models::bitcoin::mempool {

std::optional<Reject> check_min_relay(const Transaction& tx, const Mempool& pool, bool in_package) {
    if (in_package && tx.is_truc()) return std::nullopt;
    const FeeFrac own{tx.fee.value, tx.weight.vbytes()};
    if (meets_rate(own, pool.options().min_relay)) return std::nullopt;
    return Reject{
        RejectReason::min_relay_fee,
        fmt::format("{:.3f} < {:.3f} sat/vB", own.rate_sat_vb(), pool.options().min_relay.sat_vb)};
}

std::optional<Reject> check_mempool_min_fee(FeeFrac paid, const Mempool& pool) {
    const FeeRate floor = pool.min_fee_rate();
    if (meets_rate(paid, floor)) return std::nullopt;
    return Reject{RejectReason::mempool_min_fee,
                  fmt::format("{:.3f} < {:.3f} sat/vB", paid.rate_sat_vb(), floor.sat_vb)};
}

}  // namespace models::bitcoin::mempool
