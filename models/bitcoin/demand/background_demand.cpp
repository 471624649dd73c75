// See background_demand.hpp.
#include "models/bitcoin/demand/background_demand.hpp"

#include <cmath>

#include "sim/random/distributions.hpp"

namespace models::bitcoin {

BackgroundDemand::BackgroundDemand(const DemandParams& params, sim::RngStream rng)
    : params_(params), rng_(rng) {
    // Start from the stationary law so a run does not open in an unusually calm or busy hour.
    log_level_ = sim::random::normal(rng_, 0.0, params_.level_sd);
    level_ = std::exp(log_level_);
    next_epoch_s_ = params_.epoch_s;
}

void BackgroundDemand::move_level(double now_s) {
    const double phi = params_.level_persistence;
    const double innovation_sd = params_.level_sd * std::sqrt(1.0 - phi * phi);
    while (now_s >= next_epoch_s_) {
        log_level_ = phi * log_level_ + sim::random::normal(rng_, 0.0, innovation_sd);
        next_epoch_s_ += params_.epoch_s;
    }
    level_ = std::exp(log_level_);
}

std::vector<Transaction> BackgroundDemand::arrivals(double now_s, TxId& next_id) {
    move_level(now_s);
    const double mean_chunks = params_.arrival_vb_per_s * params_.tick_s / static_cast<double>(params_.tx_vbytes);
    const auto count = sim::random::poisson(rng_, mean_chunks);
    const double mu = std::log(params_.fee_rate_median_sat_vb * level_);
    std::vector<Transaction> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        Transaction tx;
        tx.id = next_id++;
        tx.inputs.push_back(TxIn{Outpoint{tx.id | background_coin_bit, 0}, sequence_rbf_max, {}});
        tx.outputs.push_back(TxOut{Sat{0}, nullptr});
        tx.weight = from_vbytes(params_.tx_vbytes);
        const FeeRate rate{sim::random::lognormal(rng_, mu, params_.fee_rate_sigma)};
        tx.fee = rate.fee_for(tx.weight);
        out.push_back(std::move(tx));
    }
    return out;
}

}  // namespace models::bitcoin
