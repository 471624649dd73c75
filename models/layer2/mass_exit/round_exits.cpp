// See round_exits.hpp.
#include "models/layer2/mass_exit/round_exits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::mass_exit {

namespace {

using bitcoin::policy::Policy;
using PolicyPtr = std::shared_ptr<const Policy>;

PolicyPtr share(Policy p) {
    return std::make_shared<const Policy>(std::move(p));
}

bitcoin::policy::Path path_for(const Policy& p, bitcoin::KeyId key) {
    auto path = bitcoin::policy::satisfy(p, bitcoin::policy::Assets::whenever({key}));
    if (!path) throw std::logic_error("round_exits: a key cannot spend its own output");
    return *path;
}

/// A fee wallet coin large enough for any bid on one tree transaction (100,000 vB at 10,000
/// sat/vB), so the wallet never limits a user: its bid cap does.
constexpr bitcoin::Sat wallet_coin{1'000'000'000};
/// P2TR dust limit (Bitcoin Core GetDustThreshold: 330 sat for a witness v1 output).
constexpr bitcoin::Sat dust{330};

}  // namespace

RoundExits::RoundExits(const design::ExitTree& tree, const ExitFees& fees,
                       bitcoin::Height round_height, bitcoin::Height expiry_height,
                       bitcoin::World& world)
    : tree_(tree), fees_(fees), round_h_(round_height), expiry_(expiry_height) {
    using namespace bitcoin::policy;
    tree_key_ = symbols_.key("tree");  // the round's n-of-n presigning key (MuSig2): all hold it
    server_ = symbols_.key("server");
    wallet_ = symbols_.key("wallet");
    payout_key_ = symbols_.key("payout");
    // after(n) is met from height n + 1 (BIP65): the sweep opens at the expiry height.
    const Policy sweep = all_of({pk(server_), after(expiry_height - 1)});
    tree_out_ = share(any_of({pk(tree_key_), sweep}));
    wallet_out_ = share(pk(wallet_));
    payout_ = share(pk(payout_key_));
    tree_path_ = path_for(*tree_out_, tree_key_);
    wallet_path_ = path_for(*wallet_out_, wallet_);
    for (std::uint32_t u = 0; u < tree.spec.users; ++u) {
        const bitcoin::KeyId user = symbols_.key("user" + std::to_string(u));
        vtxo_out_.push_back(
            share(any_of({all_of({pk(user), older(tree.spec.exit_delay_blocks)}), sweep})));
        claim_path_.push_back(path_for(*vtxo_out_.back(), user));
    }
    const bitcoin::Sat vtxo = bitcoin::from_btc(tree.spec.vtxo_value_btc);
    round_coin_ = {world.next_txid(), 0};
    world.add_coin(round_coin_,
                   bitcoin::TxOut{bitcoin::Sat{vtxo.value * tree.spec.users}, tree_out_},
                   round_height);
    first_wallet_coin_ = world.next_txid();
    for (std::size_t n = 1; n < tree.nodes.size(); ++n) world.next_txid();
    for (std::size_t n = 0; n < tree.nodes.size(); ++n)
        world.add_coin({first_wallet_coin_ + n, 0}, bitcoin::TxOut{wallet_coin, wallet_out_},
                       round_height);
    nodes_.resize(tree.nodes.size());
    node_height_.assign(tree.nodes.size(), 0);
    claims_.resize(tree.spec.users);
}

std::optional<bitcoin::Height> RoundExits::confirmed_height(Sent& s,
                                                            const bitcoin::World& w) const {
    if (s.confirmed) return w.confirmed_at(*s.confirmed);
    for (const auto& [id, fee] : s.versions)
        if (auto h = w.confirmed_at(id)) {
            s.confirmed = id;
            return h;
        }
    return std::nullopt;
}

bool RoundExits::pending(const Sent& s, const bitcoin::World& w) const {
    return std::any_of(s.versions.begin(), s.versions.end(),
                       [&](const auto& v) { return w.mempool().contains(v.first); });
}

double RoundExits::next_rate(const Sent& s, double cap) const {
    const double want = s.rate == 0.0 ? fees_.fee_rate_sat_vb : s.rate + fees_.bump_step_sat_vb;
    return std::min({want, fees_.max_fee_rate_sat_vb, cap});
}

bitcoin::Outpoint RoundExits::parent_outpoint(std::uint32_t node) const {
    const design::TreeNode& n = tree_.nodes[node];
    if (n.parent < 0) return round_coin_;
    return {*nodes_[static_cast<std::size_t>(n.parent)].confirmed, n.slot};
}

void RoundExits::send_node(std::uint32_t node, bitcoin::World& w) {
    Sent& s = nodes_[node];
    const design::TreeNode& n = tree_.nodes[node];
    // The broadcaster stakes no more than its own VTXO is worth on one tree transaction.
    const double vtxo = static_cast<double>(bitcoin::from_btc(tree_.spec.vtxo_value_btc).value);
    const double vb = static_cast<double>(tree_.spec.node_vbytes);
    const double rate = next_rate(s, (vtxo - static_cast<double>(dust.value)) / vb);
    if (pending(s, w) && rate <= s.rate) return;  // at its cap: nothing more to offer
    const bitcoin::Sat each = bitcoin::from_btc(tree_.spec.vtxo_value_btc);
    const bitcoin::Sat value{each.value * n.users_below};
    const bitcoin::Sat fee{static_cast<std::int64_t>(std::ceil(rate * vb))};
    bitcoin::TxBuilder b(w.next_txid());
    b.spend(parent_outpoint(node), bitcoin::TxOut{value, tree_out_}, tree_path_)
        .spend({first_wallet_coin_ + node, 0}, bitcoin::TxOut{wallet_coin, wallet_out_},
               wallet_path_);
    if (n.children.empty())
        for (std::uint32_t u = n.first_user; u < n.first_user + n.users_below; ++u)
            b.pay(each, vtxo_out_[u]);
    else
        for (std::uint32_t c : n.children)
            b.pay(bitcoin::Sat{each.value * tree_.nodes[c].users_below}, tree_out_);
    b.pay(wallet_coin - fee, wallet_out_);
    bitcoin::Transaction tx = b.build();
    // The presigned tree transaction and its anchor child, as one package of node_vbytes.
    tx.weight = bitcoin::from_vbytes(tree_.spec.node_vbytes);
    if (w.broadcast(tx).accepted()) {
        s.versions.emplace_back(tx.id, tx.fee);
        s.rate = rate;
    }
}

void RoundExits::send_claim(std::uint32_t user, bitcoin::World& w) {
    Sent& s = claims_[user];
    const bitcoin::Sat vtxo = bitcoin::from_btc(tree_.spec.vtxo_value_btc);
    const double vb = static_cast<double>(tree_.spec.leaf_vbytes);
    const double rate = next_rate(s, static_cast<double>((vtxo - dust).value) / vb);
    if (pending(s, w) && rate <= s.rate) return;
    const bitcoin::Sat fee{static_cast<std::int64_t>(std::ceil(rate * vb))};
    const std::uint32_t leaf = tree_.leaf_node[user];
    const bitcoin::Outpoint op{*nodes_[leaf].confirmed, tree_.leaf_slot(user)};
    bitcoin::Transaction tx =
        bitcoin::TxBuilder(w.next_txid())
            .spend(op, bitcoin::TxOut{vtxo, vtxo_out_[user]}, claim_path_[user])
            .pay(vtxo - fee, payout_)
            .build();
    tx.weight = bitcoin::from_vbytes(tree_.spec.leaf_vbytes);
    if (w.broadcast(tx).accepted()) {
        s.versions.emplace_back(tx.id, tx.fee);
        s.rate = rate;
    }
}

void RoundExits::act(bitcoin::World& w) {
    const bitcoin::Height next = w.tip_height() + 1;
    if (next >= expiry_) return;  // the sweep is open: nothing left to save
    for (std::uint32_t i = 0; i < tree_.nodes.size(); ++i) {
        if (node_height_[i] != 0) continue;
        if (auto h = confirmed_height(nodes_[i], w)) {
            node_height_[i] = *h;
            continue;
        }
        const int parent = tree_.nodes[i].parent;
        if (parent >= 0 && node_height_[static_cast<std::size_t>(parent)] == 0) continue;
        send_node(i, w);  // first bid, a re-send, or a bump of the version still waiting
    }
    for (std::uint32_t u = 0; u < tree_.spec.users; ++u) {
        Sent& c = claims_[u];
        if (c.confirmed) continue;
        if (confirmed_height(c, w)) {
            ++claimed_;
            continue;
        }
        const bitcoin::Height leaf_h = node_height_[tree_.leaf_node[u]];
        if (leaf_h == 0 || next < leaf_h + tree_.spec.exit_delay_blocks) continue;
        send_claim(u, w);
    }
}

std::uint32_t RoundExits::exited(const bitcoin::World& w) const {
    std::uint32_t n = 0;
    for (const Sent& c : claims_)
        for (const auto& [id, fee] : c.versions)
            if (auto h = w.confirmed_at(id); h && *h < expiry_) ++n;
    return n;
}

bitcoin::Sat RoundExits::fees_confirmed(const bitcoin::World& w) const {
    bitcoin::Sat total{0};
    for (const auto* list : {&nodes_, &claims_})
        for (const Sent& s : *list)
            for (const auto& [id, fee] : s.versions)
                if (w.confirmed_at(id)) total += fee;
    return total;
}

std::int64_t RoundExits::vbytes_confirmed(const bitcoin::World& w) const {
    std::int64_t total = 0;
    for (const Sent& s : nodes_)
        for (const auto& v : s.versions)
            if (w.confirmed_at(v.first)) total += tree_.spec.node_vbytes;
    for (const Sent& s : claims_)
        for (const auto& v : s.versions)
            if (w.confirmed_at(v.first)) total += tree_.spec.leaf_vbytes;
    return total;
}

bool RoundExits::done(const bitcoin::World& w) const {
    return claimed_ == tree_.spec.users || w.tip_height() + 1 >= expiry_;
}

}  // namespace models::layer2::mass_exit
