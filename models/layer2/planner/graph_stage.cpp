// See graph_stage.hpp.
#include "models/layer2/planner/graph_stage.hpp"

#include <algorithm>

#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/layer2/planner/stage.hpp"

namespace models::layer2::planner {

GraphStage::GraphStage(const design::Design& d, bitcoin::TxId first_coin_tx,
                       bitcoin::Height funding_h)
    : d_(d),
      first_coin_tx_(first_coin_tx),
      funding_h_(funding_h),
      sent_(d.graph.txs.size()),
      last_rate_(d.graph.txs.size(), 0.0) {
    for (const auto& tx : d.graph.txs) {
        const std::set<bitcoin::KeyId> keys(tx.signatures.begin(), tx.signatures.end());
        std::vector<bitcoin::policy::Path> paths;
        for (const auto& r : tx.spends) {
            const auto& policy =
                r.tx < 0 ? *d.outputs[r.index].policy
                         : *d.graph.txs[static_cast<std::size_t>(r.tx)].outputs[r.index].policy;
            // A presigned transaction commits to the earliest path its signatures open: one with no
            // timelock if there is one (Babylon's slashing transaction takes the slashing path, not
            // the staker's cheaper timelocked one), else the cheapest once the locks are met (the
            // reader checked that one exists).
            bitcoin::policy::Assets now;
            now.keys = keys;
            auto path = bitcoin::policy::satisfy(policy, now);
            if (!path)
                path = bitcoin::policy::satisfy(policy, bitcoin::policy::Assets::whenever(keys));
            paths.push_back(*path);
        }
        paths_.push_back(std::move(paths));
    }
    const bitcoin::KeyId wallet_key = wallet_symbols_.key("__fee_wallet");
    wallet_ = std::make_shared<const bitcoin::policy::Policy>(bitcoin::policy::pk(wallet_key));
    wallet_path_ =
        *bitcoin::policy::satisfy(*wallet_, bitcoin::policy::Assets::whenever({wallet_key}));
}

bitcoin::TxOut GraphStage::design_coin_out(std::size_t output) const {
    const auto& o = d_.outputs.at(output);
    return bitcoin::TxOut{bitcoin::from_btc(o.value_btc), o.policy};
}

std::optional<bitcoin::TxId> GraphStage::confirmed(std::size_t i, const bitcoin::World& w) const {
    for (const auto& [id, fee] : sent_[i])
        if (w.confirmed_at(id)) return id;
    return std::nullopt;
}

std::optional<bitcoin::TxId> GraphStage::pending(std::size_t i, const bitcoin::World& w) const {
    for (const auto& [id, fee] : sent_[i])
        if (w.mempool().contains(id)) return id;
    return std::nullopt;
}

std::optional<bitcoin::Outpoint> GraphStage::outpoint(const design::GraphRef& r,
                                                      const bitcoin::World& w) const {
    if (r.tx < 0) return design_coin(r.index);
    const auto parent = confirmed(static_cast<std::size_t>(r.tx), w);
    if (!parent) return std::nullopt;
    return bitcoin::Outpoint{*parent, static_cast<std::uint32_t>(r.index)};
}

std::uint32_t GraphStage::older_of(std::size_t i, std::size_t input) const {
    return std::max(paths_[i][input].older_blocks, d_.graph.txs[i].older_blocks);
}

std::uint32_t GraphStage::lock_time_of(std::size_t i) const {
    const auto& tx = d_.graph.txs[i];
    std::uint32_t lock =
        tx.after_blocks > 0 ? static_cast<std::uint32_t>(funding_h_) + tx.after_blocks : 0;
    for (const auto& p : paths_[i]) lock = std::max(lock, p.after);
    return lock;
}

bool GraphStage::ready(std::size_t i, const bitcoin::World& w) const {
    const bitcoin::Height next = w.tip_height() + 1;
    const std::uint32_t lock = lock_time_of(i);
    if (lock > 0 && lock >= next) return false;  // BIP65 / IsFinalTx: nLockTime < height
    const auto& tx = d_.graph.txs[i];
    for (std::size_t k = 0; k < tx.spends.size(); ++k) {
        const auto op = outpoint(tx.spends[k], w);
        if (!op) return false;
        const auto* coin = w.coins().find(*op);
        if (coin == nullptr) return false;  // spent, or its parent is not confirmed
        if (next - coin->confirmed.height < older_of(i, k)) return false;  // BIP68
    }
    return true;
}

std::optional<bitcoin::Height> GraphStage::valid_from(std::size_t i,
                                                      const bitcoin::World& w) const {
    // The same tests as ready(), solved for the height: a coin confirmed at c with a relative
    // lock of L opens at c + max(1, L); a lock time of T at T + 1.
    const auto& tx = d_.graph.txs[i];
    bitcoin::Height h = 0;
    for (std::size_t k = 0; k < tx.spends.size(); ++k) {
        const auto op = outpoint(tx.spends[k], w);
        const auto* coin = op ? w.coins().find(*op) : nullptr;
        if (coin == nullptr) return std::nullopt;
        h = std::max<bitcoin::Height>(
            h, coin->confirmed.height + std::max<bitcoin::Height>(1, older_of(i, k)));
    }
    const std::uint32_t lock = lock_time_of(i);
    if (lock > 0) h = std::max<bitcoin::Height>(h, lock + 1);
    return h;
}

bitcoin::Height GraphStage::earliest(std::size_t i) const {
    const auto& tx = d_.graph.txs[i];
    bitcoin::Height h = funding_h_ + 1;
    for (std::size_t k = 0; k < tx.spends.size(); ++k) {
        const auto& r = tx.spends[k];
        const bitcoin::Height parent =
            r.tx < 0 ? funding_h_ : earliest(static_cast<std::size_t>(r.tx));
        h = std::max(h, parent + std::max<bitcoin::Height>(1, older_of(i, k)));
    }
    const std::uint32_t lock = lock_time_of(i);
    if (lock > 0) h = std::max<bitcoin::Height>(h, lock + 1);
    return h;
}

std::optional<bitcoin::Transaction> GraphStage::build(std::size_t i, bitcoin::TxId id,
                                                      const bitcoin::World& w,
                                                      const bitcoin::Outpoint* fee_coin) const {
    const auto& tx = d_.graph.txs[i];
    bitcoin::TxBuilder b(id);
    b.lock_time(lock_time_of(i));
    for (std::size_t k = 0; k < tx.spends.size(); ++k) {
        const auto op = outpoint(tx.spends[k], w);
        const auto* coin = op ? w.coins().find(*op) : nullptr;
        if (coin == nullptr) return std::nullopt;
        // A lock the script does not ask for is committed in nSequence (BIP68).
        const std::uint32_t seq = paths_[i][k].older_blocks == 0 && tx.older_blocks > 0
                                      ? tx.older_blocks
                                      : bitcoin::sequence_rbf_max;
        b.spend(*op, coin->output, paths_[i][k], seq);
    }
    if (fee_coin != nullptr) b.spend(*fee_coin, w.coins().find(*fee_coin)->output, wallet_path_);
    for (const auto& o : tx.outputs) b.pay(bitcoin::from_btc(o.value_btc), o.policy);
    if (fee_coin != nullptr)
        b.pay(w.coins().find(*fee_coin)->output.value, wallet_);  // change, fee taken below
    return b.build();
}

bool GraphStage::broadcast(std::size_t i, double rate_sat_vb, bool replace, double cap_sat_vb,
                           bitcoin::World& w) {
    const bitcoin::TxId id = w.next_txid();
    auto tx = build(i, id, w, nullptr);
    if (!tx) return false;
    const auto fee_needed = [&](const bitcoin::Transaction& t) {
        bitcoin::Sat needed = bitcoin::FeeRate{std::min(rate_sat_vb, cap_sat_vb)}.fee_for(t.weight);
        if (replace)
            for (const auto& in : t.inputs)
                needed = std::max(
                    needed, replacing_fee(t.weight, rate_sat_vb, in.prevout, id, w.mempool()));
        return std::min(needed, bitcoin::FeeRate{cap_sat_vb}.fee_for(t.weight));
    };
    bitcoin::Sat needed = fee_needed(*tx);
    // Below this the first output would be dust (Core's 546 sat for P2PKH; P2WSH is lower).
    constexpr bitcoin::Sat dust{546};
    std::size_t pay_from = 0;
    if (needed > tx->fee && tx->outputs.front().value < needed - tx->fee + dust) {
        // A wallet coin of the broadcaster's pays the fee; its change is the last output.
        const bitcoin::Outpoint coin{w.next_txid(), 0};
        w.add_coin(coin, bitcoin::TxOut{bitcoin::from_btc(1.0), wallet_}, w.tip_height());
        tx = build(i, id, w, &coin);
        needed = fee_needed(*tx);
        pay_from = tx->outputs.size() - 1;
    }
    // The presigned outputs may leave a fee already; the broadcaster attaches the rest.
    if (needed > tx->fee) {
        const bitcoin::Sat extra = needed - tx->fee;
        if (tx->outputs[pay_from].value < extra) return false;
        tx->outputs[pay_from].value = tx->outputs[pay_from].value - extra;
        tx->fee = needed;
    }
    if (!w.broadcast(*tx).accepted()) return false;
    sent_[i].emplace_back(id, tx->fee);
    last_rate_[i] = tx->fee_rate().sat_vb;
    return true;
}

bitcoin::Sat GraphStage::confirmed_fee(std::size_t i, const bitcoin::World& w) const {
    for (const auto& [id, fee] : sent_[i])
        if (w.confirmed_at(id)) return fee;
    return bitcoin::Sat{0};
}

std::vector<bitcoin::Outpoint> GraphStage::spent_outpoints(const std::vector<std::size_t>& txs,
                                                           const bitcoin::World& w) const {
    std::vector<bitcoin::Outpoint> out;
    for (std::size_t i : txs)
        for (const auto& r : d_.graph.txs[i].spends)
            if (const auto op = outpoint(r, w)) out.push_back(*op);
    return out;
}

double GraphStage::slashed_btc(const bitcoin::World& w) const {
    double total = 0.0;
    for (std::size_t i = 0; i < d_.graph.txs.size(); ++i) {
        const auto id = confirmed(i, w);
        if (!id) continue;
        for (const auto& o : d_.graph.txs[i].outputs)
            if (o.slashed) total += o.value_btc;
    }
    return total;
}

}  // namespace models::layer2::planner
