// The adversary's own spend of a design output with the keys it corrupted: broadcast as soon as
// its path is valid in the next block (the path's timelocks met, BIP65/BIP68), at the planner's
// fee rate or whatever replacing a pending honest spend needs (BIP125 rules 3, 4 and Core's 6).
// Its transaction is exempt from the censorship it orders. With a timelocked bribe (Nadahalli,
// Khabbazian and Wattenhofer, FC 2021) the spend also pays the bribe as fee to whoever mines it:
// it is minable only once the path opens, so the bribe is paid only if the theft confirms.
// It also takes back, once their
// timelock allows, the bonds of the holders it bribed, racing the slashing watcher.
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/planner/stage.hpp"

namespace models::adversary {

class KeyTheft {
public:
    KeyTheft(const layer2::planner::Stage& stage, std::vector<bitcoin::KeyId> keys, double fee_rate_sat_vb,
             bitcoin::Sat bribe = bitcoin::Sat{0});

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height height, bitcoin::World& world);

    bitcoin::TxId txid() const { return id_; }
    /// Keys the theft's witness shows (empty before it is broadcast).
    const std::vector<bitcoin::KeyId>& signers() const { return signers_; }
    /// Fees of the adversary's confirmed spends (theft and bond withdrawals), less the bribe.
    bitcoin::Sat fees_confirmed(const bitcoin::World& world) const;
    /// The bribe a miner collected: the theft's fee above what it needed, once it confirmed.
    bitcoin::Sat bribe_paid(const bitcoin::World& world) const;

private:
    void try_theft(bitcoin::World& world);
    void try_withdrawals(bitcoin::World& world);

    const layer2::planner::Stage& stage_;
    std::vector<bitcoin::KeyId> keys_;
    double fee_rate_;
    bitcoin::Sat bribe_;
    bitcoin::TxId id_ = 0;
    bool sent_ = false;
    std::vector<bitcoin::KeyId> signers_;
    std::vector<std::pair<bitcoin::TxId, bitcoin::Sat>> spends_;
    std::vector<bitcoin::TxId> withdrawing_;  ///< by bond: the pending withdrawal (0: none)
};

}  // namespace models::adversary
