// Block discovery: a Poisson process whose rate is total hashrate / difficulty (Nakamoto 2008 §11;
// memorylessness lets us draw one "next block" for the whole network and pick its finder by hash
// share). Rented attacker hash adds to the network; difficulty retargets every period.
#pragma once

#include "models/bitcoin/bitcoin_params.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::bitcoin {

class MiningProcess {
public:
    MiningProcess(const ChainParams& chain, const AttackerParams& attacker, sim::RngStream rng);

    struct Next {
        double delay_s;
        bool by_attacker;
    };
    /// Draws the time to the next block and who finds it.
    Next next();
    /// Tells the process the main chain reached `height` at `now_s` (difficulty retarget, BIP-less
    /// consensus rule of Bitcoin Core pow.cpp: new target = old * actual / expected, clamped x4).
    void on_main_height(std::uint32_t height, double now_s);
    /// The attacker's relative hashrate (honest network = 1 - share, or 1 when rented).
    double attacker_rate() const { return attacker_rate_; }
    double total_rate() const { return honest_rate_ + attacker_rate_; }
    double difficulty() const { return difficulty_; }

private:
    const ChainParams& chain_;
    sim::RngStream rng_;
    double honest_rate_;
    double attacker_rate_;
    double difficulty_ = 1.0;
    double period_start_s_ = 0.0;
    std::uint32_t last_height_ = 0;
};

}  // namespace models::bitcoin
