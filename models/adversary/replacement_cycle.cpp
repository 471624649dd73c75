// See replacement_cycle.hpp.
#include "models/adversary/replacement_cycle.hpp"

#include <algorithm>
#include <set>

#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::adversary {

namespace {
constexpr std::uint32_t look_tag = 1, cycle_out_tag = 2;
}

ReplacementCycler::ReplacementCycler(const ReplacementCycleParams& p,
                                     std::vector<Contested> contested,
                                     bitcoin::policy::Assets assets,
                                     std::shared_ptr<const bitcoin::policy::Policy> own,
                                     bitcoin::KeyId own_key, bitcoin::Height stop_after)
    : p_(p),
      contested_(std::move(contested)),
      assets_(std::move(assets)),
      own_(std::move(own)),
      own_path_(bitcoin::policy::satisfy(*own_, bitcoin::policy::Assets::whenever({own_key}))),
      stop_after_(stop_after) {}

void ReplacementCycler::on_start(bitcoin::World& world) {
    if (p_.budget_sat > 0.0) world.wake(self_, p_.reaction_s, look_tag);
}

void ReplacementCycler::on_wake(std::uint32_t tag, bitcoin::World& world) {
    if (tag == cycle_out_tag)
        cycle_out(world);
    else
        look(world);
    if (world.tip_height() <= stop_after_ && !holding_) world.wake(self_, p_.reaction_s, look_tag);
}

bitcoin::Sat ReplacementCycler::spent(const bitcoin::World& w) const {
    bitcoin::Sat s;
    for (const auto& tx : sent_)
        if (w.confirmed_at(tx.id) || w.mempool().contains(tx.id)) s += tx.fee;
    return s;
}

void ReplacementCycler::look(bitcoin::World& world) {
    if (holding_) return;
    std::set<bitcoin::TxId> mine;
    for (const auto& tx : sent_) mine.insert(tx.id);
    for (const Contested& c : contested_) {
        const bitcoin::Coin* coin = world.coins().find(c.outpoint);
        if (!coin) continue;  // not confirmed yet, or already spent in a block
        const bitcoin::Transaction* victim = nullptr;
        for (const auto& [id, e] : world.mempool().entries())
            if (!mine.count(id))
                for (const auto& in : e.tx.inputs)
                    if (in.prevout == c.outpoint && (!victim || id < victim->id)) victim = &e.tx;
        if (!victim) continue;
        bitcoin::policy::Assets a = assets_;
        a.height = world.tip_height() + 1;
        a.age_blocks = a.height - coin->confirmed.height;
        const auto path = bitcoin::policy::satisfy(*c.output.policy, a);
        if (!path || !own_path_) continue;
        // The coin the preimage spend joins: funded before the run (the attacker's wallet).
        coin_ = bitcoin::Outpoint{world.next_txid(), 0};
        coin_out_ = bitcoin::TxOut{bitcoin::from_btc(0.5), own_};
        world.add_coin(coin_, coin_out_, 0);
        bitcoin::Transaction p = bitcoin::TxBuilder(world.next_txid())
                                     .spend(c.outpoint, c.output, *path)
                                     .spend(coin_, coin_out_, *own_path_)
                                     .pay(c.output.value + coin_out_.value, own_)
                                     .build();
        const auto incr = world.mempool().options().incremental_relay;
        const bitcoin::Sat by_rule_4 = victim->fee + incr.fee_for(p.weight) + bitcoin::Sat{1};
        const bitcoin::Sat by_rule_6 =
            bitcoin::FeeRate{victim->fee_rate().sat_vb + 1.0}.fee_for(p.weight);
        p.fee = std::max(by_rule_4, by_rule_6);
        p.outputs.front().value = c.output.value + coin_out_.value - p.fee;
        // The cycle-out must beat p in turn; stop when it would take the spending over budget.
        const bitcoin::Sat out_fee =
            p.fee + incr.fee_for(bitcoin::from_vbytes(150)) + bitcoin::Sat{1};
        if (static_cast<double>((spent(world) + out_fee).value) > p_.budget_sat) return;
        if (!world.broadcast(p).accepted()) continue;
        sent_.push_back(p);
        pending_ = p;
        holding_ = true;
        world.wake(self_, p_.hold_s, cycle_out_tag);
        return;
    }
}

void ReplacementCycler::cycle_out(bitcoin::World& world) {
    holding_ = false;
    if (!world.mempool().contains(pending_.id)) return;  // a block took it (or it was replaced)
    bitcoin::Transaction out = bitcoin::TxBuilder(world.next_txid())
                                   .spend(coin_, coin_out_, *own_path_)
                                   .pay(coin_out_.value, own_)
                                   .build();
    const auto incr = world.mempool().options().incremental_relay;
    out.fee = std::max(pending_.fee + incr.fee_for(out.weight) + bitcoin::Sat{1},
                       bitcoin::FeeRate{pending_.fee_rate().sat_vb + 1.0}.fee_for(out.weight));
    out.outputs.front().value = coin_out_.value - out.fee;
    if (!world.broadcast(out).accepted()) return;
    sent_.push_back(out);
    ++cycles_;
}

bitcoin::Sat ReplacementCycler::fees_confirmed(const bitcoin::World& w) const {
    bitcoin::Sat s;
    for (const auto& tx : sent_)
        if (w.confirmed_at(tx.id)) s += tx.fee;
    return s;
}

std::int64_t ReplacementCycler::vbytes_confirmed(const bitcoin::World& w) const {
    std::int64_t s = 0;
    for (const auto& tx : sent_)
        if (w.confirmed_at(tx.id)) s += tx.weight.vbytes();
    return s;
}

}  // namespace models::adversary
