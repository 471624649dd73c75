// See exit_racer.hpp.
#include "models/layer2/roles/exit_racer.hpp"

#include <algorithm>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::roles {

ExitRacer::ExitRacer(const design::Watcher& watcher, std::int64_t exit_vbytes, std::vector<bitcoin::Outpoint> coins,
                     bitcoin::TxOut coin_out, bitcoin::KeyId user)
    : watcher_(watcher),
      exit_vbytes_(exit_vbytes),
      coins_(std::move(coins)),
      coin_out_(std::move(coin_out)),
      user_(user),
      payout_(std::make_shared<const bitcoin::policy::Policy>(bitcoin::policy::pk(user))),
      sent_(coins_.size()),
      fee_(coins_.size(), bitcoin::Sat{0}) {}

void ExitRacer::send(std::size_t i, double rate, bitcoin::World& world) {
    bitcoin::policy::Assets a;
    a.keys.insert(user_);
    a.height = world.tip_height() + 1;
    const auto path = bitcoin::policy::satisfy(*coin_out_.policy, a);
    if (!path) return;
    const bitcoin::TxId id = world.next_txid();
    bitcoin::Transaction tx = bitcoin::TxBuilder(id).spend(coins_[i], coin_out_, *path).pay(coin_out_.value, payout_).build();
    // The exit's size is the design's (a withdrawal proof or connector makes it larger than the
    // bare spend built here): weight, fee and payout follow from it.
    tx.weight = std::max(tx.weight, bitcoin::from_vbytes(exit_vbytes_));
    bitcoin::Sat fee = bitcoin::FeeRate{rate}.fee_for(tx.weight);
    // A replacement pays the old fee plus the incremental relay fee for its own size (BIP125
    // rules 3 and 4) and a higher feerate (rule 6: the new rate is above the old one).
    if (fee_[i].value > 0)
        fee = std::max(fee, fee_[i] + world.mempool().options().incremental_relay.fee_for(tx.weight) + bitcoin::Sat{1});
    if (fee >= coin_out_.value) return;
    tx.fee = fee;
    tx.outputs.front().value = coin_out_.value - fee;
    if (!world.broadcast(tx).accepted()) return;
    sent_[i].push_back(id);
    fee_[i] = fee;
}

void ExitRacer::on_wake(bitcoin::World& world) {
    if (started_) return;
    started_ = true;
    rate_ = watcher_.fee_rate_sat_vb;
    for (std::size_t i = 0; i < coins_.size(); ++i) send(i, rate_, world);
}

void ExitRacer::on_block(bitcoin::World& world) {
    if (!started_ || watcher_.fee_policy != "bump") return;
    const double next = std::min(rate_ + watcher_.bump_step_sat_vb, watcher_.max_fee_rate_sat_vb);
    if (next <= rate_) return;
    rate_ = next;
    for (std::size_t i = 0; i < coins_.size(); ++i)
        if (world.coins().find(coins_[i]) != nullptr) send(i, rate_, world);
}

std::uint32_t ExitRacer::exited_before(const bitcoin::World& world, bitcoin::Height height) const {
    std::uint32_t n = 0;
    for (const auto& ids : sent_)
        for (bitcoin::TxId id : ids)
            if (auto h = world.confirmed_at(id); h && (height == 0 || *h < height)) {
                ++n;
                break;
            }
    return n;
}

}  // namespace models::layer2::roles
