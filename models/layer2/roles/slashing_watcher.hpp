// The watcher that enforces bonds: once a spend of a design output that the honest keyholders did
// not authorise confirms, its witness names the keys that signed it (the provable theft), and the
// watcher takes each signer's bond, `latency_s` after the block, before the holder can withdraw it
// (the bond's own timelock). Fixed fee or "bump" as configured (BIP125).
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/stage.hpp"

namespace models::layer2::roles {

class SlashingWatcher {
public:
    SlashingWatcher(const design::Watcher& watcher, const planner::Stage& stage);

    double latency_s() const { return watcher_.latency_s; }
    void on_start(bitcoin::World&) {}
    void on_block(bitcoin::Height height, bitcoin::World& world);
    /// Tells the watcher which confirmed transaction to prove theft with (it reads the chain).
    void watch_for(bitcoin::TxId theft, std::vector<bitcoin::KeyId> signers);

    /// Bond value the watcher's slashes confirmed, in sat; `bribed_only`: only bonds of bribed holders.
    bitcoin::Sat slashed(const bitcoin::World& world, bool bribed_only) const;

private:
    const design::Watcher& watcher_;
    const planner::Stage& stage_;
    bitcoin::TxId theft_ = 0;
    std::vector<bitcoin::KeyId> signers_;
    std::vector<bitcoin::TxId> current_;  ///< by bond index: its pending slash (0: none)
    std::vector<double> rate_;
    std::vector<std::vector<bitcoin::TxId>> sent_;
};

}  // namespace models::layer2::roles
