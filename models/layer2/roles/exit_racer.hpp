// Users leaving a design while a timelocked path waits (a rollup's users exiting during an
// upgrade's delay; L2BEAT's "exit window" = upgrade delay minus the time an exit takes, read
// 2026-12-03): from the block that shows the pending path (the output's confirmation) each user
// coin is sent out by its own exit transaction of `exit_vbytes`, `latency_s` later, at the
// watcher's fee rate; with fee policy "bump" every exit still unconfirmed is re-bid after each
// block (BIP125 rules 3, 4 and 6). The exits compete for block space with each other and with the
// background demand, so how many leave before the path opens is decided by what blocks confirm.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/design.hpp"

namespace models::layer2::roles {

class ExitRacer {
public:
    /// `coins` user coins of `value` each, spendable by `user`, confirmed at the run's start.
    ExitRacer(const design::Watcher& watcher, std::int64_t exit_vbytes, std::vector<bitcoin::Outpoint> coins,
              bitcoin::TxOut coin_out, bitcoin::KeyId user);

    double latency_s() const { return watcher_.latency_s; }
    void on_start(bitcoin::AgentIndex self, bitcoin::World& world) { world.wake(self, watcher_.latency_s, 0); }
    void on_wake(bitcoin::World& world);
    void on_block(bitcoin::World& world);

    /// Exits confirmed in blocks below `height` (all confirmed exits for 0).
    std::uint32_t exited_before(const bitcoin::World& world, bitcoin::Height height) const;
    std::size_t coins() const { return coins_.size(); }

private:
    void send(std::size_t i, double rate, bitcoin::World& world);

    const design::Watcher& watcher_;
    std::int64_t exit_vbytes_;
    std::vector<bitcoin::Outpoint> coins_;
    bitcoin::TxOut coin_out_;
    bitcoin::KeyId user_;
    std::shared_ptr<const bitcoin::policy::Policy> payout_;
    std::vector<std::vector<bitcoin::TxId>> sent_;  ///< per coin, every exit broadcast for it
    std::vector<bitcoin::Sat> fee_;                 ///< per coin, the fee of its latest exit
    double rate_ = 0.0;
    bool started_ = false;
};

}  // namespace models::layer2::roles
