// See pin.hpp.
#include "models/adversary/pin.hpp"

#include <algorithm>

#include "models/bitcoin/mempool/options.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::adversary {

Pinner::Pinner(const PinParams& p, const bitcoin::Transaction& parent, std::uint32_t index,
               bitcoin::policy::Assets assets, std::shared_ptr<const bitcoin::policy::Policy> own,
               bitcoin::KeyId own_key)
    : p_(p),
      parent_(parent),
      index_(index),
      assets_(std::move(assets)),
      own_(std::move(own)),
      own_key_(own_key) {}

bitcoin::Transaction Pinner::child(const bitcoin::Transaction& parent, std::uint32_t index,
                                   std::int64_t vbytes, bitcoin::World& world) const {
    const bitcoin::TxOut& spent = parent.outputs[index];
    bitcoin::policy::Assets a = assets_;
    a.keys.insert(own_key_);
    a.height = world.tip_height() + 1;
    const auto path = bitcoin::policy::satisfy(*spent.policy, a);
    const auto own_path =
        bitcoin::policy::satisfy(*own_, bitcoin::policy::Assets::whenever({own_key_}));
    if (!path || !own_path) return {};
    const bitcoin::Outpoint coin{world.next_txid(), 0};
    const bitcoin::TxOut wallet{bitcoin::from_btc(0.5), own_};
    world.add_coin(coin, wallet, 0);
    bitcoin::Transaction tx = bitcoin::TxBuilder(world.next_txid())
                                  .version(parent.version)
                                  .spend({parent.id, index}, spent, *path)
                                  .spend(coin, wallet, *own_path)
                                  .pay(spent.value + wallet.value, own_)
                                  .build();
    tx.weight = std::max(tx.weight, bitcoin::from_vbytes(vbytes));
    tx.fee = bitcoin::FeeRate{p_.fee_rate_sat_vb}.fee_for(tx.weight);
    tx.outputs.front().value = spent.value + wallet.value - tx.fee;
    return tx;
}

void Pinner::on_start(bitcoin::World& world) {
    if (p_.child_vbytes <= 0) return;
    const bool alone = world.broadcast(parent_).accepted();
    if (alone) sent_.push_back(parent_);
    parent_in_ = alone;
    // Chain descendants until child_vbytes, each piece the largest relay accepts (halving a
    // refused one: the descendant or cluster size limit, or TRUC's 1,000 vB child limit).
    constexpr std::int64_t largest_standard_vb = 100'000, smallest_vb = 150;
    bitcoin::Transaction last = parent_;
    std::uint32_t index = index_;
    std::int64_t piece = std::min(p_.child_vbytes, largest_standard_vb);
    while (child_vb_ < p_.child_vbytes && piece >= smallest_vb) {
        const bitcoin::Transaction c =
            child(last, index, std::min(piece, p_.child_vbytes - child_vb_), world);
        if (c.inputs.empty()) return;
        const bool in = parent_in_ ? world.broadcast(c).accepted()
                                   : world.broadcast_package(parent_, c).accepted();
        if (!in) {
            piece /= 2;
            continue;
        }
        if (!parent_in_) sent_.push_back(parent_);
        parent_in_ = true;
        sent_.push_back(c);
        child_vb_ += c.weight.vbytes();
        last = c;
        index = 0;
    }
}

bitcoin::Sat Pinner::fees_confirmed(const bitcoin::World& w) const {
    bitcoin::Sat s;
    for (const auto& tx : sent_)
        if (w.confirmed_at(tx.id)) s += tx.fee;
    return s;
}

std::int64_t Pinner::vbytes_confirmed(const bitcoin::World& w) const {
    std::int64_t s = 0;
    for (const auto& tx : sent_)
        if (w.confirmed_at(tx.id)) s += tx.weight.vbytes();
    return s;
}

}  // namespace models::adversary
