// See background_demand.hpp.
#include "models/bitcoin/demand/background_demand.hpp"

#include <algorithm>

#include "models/bitcoin/demand/demand_presets.hpp"

#include <cmath>

#include "sim/random/distributions.hpp"

namespace models::bitcoin {

std::optional<std::pair<std::string, std::string>> demand_rule_violation(const DemandParams& p) {
    if (p.min_tx_vbytes > p.tx_vbytes)
        return std::pair{"world.demand.min_tx_vbytes", "the smallest background transaction must not exceed the largest"};
    if (p.chunk_vbytes > 0 && p.chunk_vbytes < with_preset(p).min_tx_vbytes)
        return std::pair{"world.demand.chunk_vbytes", "the largest chunk must not be smaller than min_tx_vbytes"};
    return std::nullopt;
}

BackgroundDemand::BackgroundDemand(const DemandParams& params, sim::RngStream rng)
    : params_(with_preset(params)), rng_(rng) {
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

double BackgroundDemand::mean_vbytes() const {
    // Mean of a log-uniform law on [a, b]: (b - a) / ln(b / a).
    const auto a = static_cast<double>(params_.min_tx_vbytes), b = static_cast<double>(params_.tx_vbytes);
    return b > a ? (b - a) / std::log(b / a) : b;
}

double BackgroundDemand::next_gap_s() {
    const double rate_per_s = params_.arrival_vb_per_s / mean_vbytes();
    return sim::random::exponential_mean(rng_, 1.0 / rate_per_s);
}

Transaction BackgroundDemand::arrival(double now_s, TxId id) {
    move_level(now_s);
    Transaction tx;
    tx.id = id;
    tx.inputs.push_back(TxIn{Outpoint{id | background_coin_bit, 0}, sequence_rbf_max, {}});
    tx.outputs.push_back(TxOut{Sat{0}, nullptr});
    const auto a = static_cast<double>(params_.min_tx_vbytes), b = static_cast<double>(params_.tx_vbytes);
    const double size = b > a ? a * std::exp(sim::random::uniform(rng_, 0.0, std::log(b / a))) : b;
    tx.weight = from_vbytes(static_cast<std::int64_t>(std::llround(size)));
    const double mu = std::log(params_.fee_rate_median_sat_vb * level_);
    const double rate = sim::random::lognormal(rng_, mu, params_.fee_rate_sigma);
    tx.fee = FeeRate{params_.wallet_floor_sat_vb > 0.0 ? std::max(rate, params_.wallet_floor_sat_vb) : rate}
                 .fee_for(tx.weight);
    return tx;
}

}  // namespace models::bitcoin
