// See mining_process.hpp.
#include "models/bitcoin/mining_process.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random/distributions.hpp"

namespace models::bitcoin {

MiningProcess::MiningProcess(const ChainParams& chain, const AttackerParams& attacker, sim::RngStream rng)
    : chain_(chain), rng_(rng) {
    const double a = attacker.strategy == "honest" && attacker.hash_share == 0.0 ? 0.0 : attacker.hash_share;
    // Rented hash joins an unchanged honest network: the attacker holds share a of the new total.
    honest_rate_ = attacker.rented ? 1.0 : 1.0 - a;
    attacker_rate_ = attacker.rented ? a / (1.0 - a) : a;
}

MiningProcess::Next MiningProcess::next() {
    const double total = total_rate();
    const double mean_s = chain_.block_interval_s * difficulty_ / total;
    const double delay = sim::random::exponential_mean(rng_, mean_s);
    const bool attacker = attacker_rate_ > 0.0 && rng_.uniform01() * total < attacker_rate_;
    return {delay, attacker};
}

void MiningProcess::on_main_height(std::uint32_t height, double now_s) {
    if (!chain_.retarget || height <= last_height_) return;
    last_height_ = height;
    const auto period = static_cast<std::uint32_t>(chain_.retarget_blocks);
    if (height % period != 0) return;
    const double expected = static_cast<double>(period) * chain_.block_interval_s;
    const double actual = std::clamp(now_s - period_start_s_, expected / 4.0, expected * 4.0);
    difficulty_ *= expected / actual;
    period_start_s_ = now_s;
}

}  // namespace models::bitcoin
