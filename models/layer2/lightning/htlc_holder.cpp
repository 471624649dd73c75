// See htlc_holder.hpp.
#include "models/layer2/lightning/htlc_holder.hpp"

#include <algorithm>
#include <set>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/layer2/lightning/fee_bumping.hpp"

namespace models::layer2::lightning {

namespace {
constexpr std::uint32_t scan_tag = 1;
}

HtlcHolder::HtlcHolder(const HtlcHolderParams& p, const ImplementationPreset& preset,
                       const adversary::TimeDilationParams& dilation, ChannelKeys& keys,
                       const std::vector<Channel>& channels, std::uint32_t deadline_height)
    : p_(p),
      preset_(preset),
      dilation_(dilation),
      keys_(keys),
      channels_(channels),
      deadline_(deadline_height),
      blocks_since_send_(channels.size(), 0),
      confirmed_(channels.size()) {
    for (std::size_t c = 0; c < channels.size(); ++c) {
        commitment_ids_.emplace_back(channels[c].commitment(true).id,
                                     channels[c].commitment(false).id);
        for (std::uint32_t i = 0; i < channels[c].spec.htlcs; ++i)
            htlcs_.push_back({c, i, {}, 0, 0.0, false});
    }
}

void HtlcHolder::on_start(bitcoin::World& world) {
    for (std::size_t c = 0; c < channels_.size(); ++c) drive_commitment(c, world);
    if (preset_.scans_mempool_for_preimages) world.wake(self_, p_.mempool_poll_s, scan_tag);
}

std::optional<bool> HtlcHolder::confirmed_commitment(std::size_t c,
                                                     const bitcoin::World& world) const {
    if (world.confirmed_at(commitment_ids_[c].first)) return true;
    if (world.confirmed_at(commitment_ids_[c].second)) return false;
    return std::nullopt;
}

double HtlcHolder::claim_rate(bitcoin::Height height, double value_sat, double vbytes) const {
    if (p_.fee_policy == "fixed") return p_.fee_rate_sat_vb;
    const double expiry = channels_.front().spec.expiry_height;
    const double span = std::max(1.0, static_cast<double>(deadline_) - expiry);
    const double progress = std::clamp((static_cast<double>(height) - expiry) / span, 0.0, 1.0);
    const double top = std::max(p_.fee_rate_sat_vb, p_.max_fee_share * value_sat / vbytes);
    return p_.fee_rate_sat_vb + (top - p_.fee_rate_sat_vb) * progress;
}

void HtlcHolder::drive_commitment(std::size_t c, bitcoin::World& world) {
    const Channel& ch = channels_[c];
    const auto& mine = ch.commitment(true);
    const auto& theirs = ch.commitment(false);
    if (world.mempool().contains(mine.id)) return;
    const double value = static_cast<double>(ch.spec.htlc_value.value) * ch.spec.htlcs;
    const double rate =
        claim_rate(world.tip_height() + 1, value, static_cast<double>(mine.weight.vbytes()));
    if (broadcast_commitment(keys_, ch, true, rate, world, ledger_)) return;
    // M's conflicting commitment holds the funding output: bump it through our anchor on it
    // (the CPFP carve-out before cluster mempool; a TRUC sibling or conflict on the shared anchor).
    if (ch.spec.format == CommitmentFormat::legacy || !world.mempool().contains(theirs.id)) return;
    AnchorSpend s;
    s.parent = &theirs;
    s.anchor_index = static_cast<std::uint32_t>(ch.m_layout.other_anchor);
    s.anchor_key = keys_.v_anchor;
    s.victim = true;
    s.package_rate_sat_vb = rate;
    const bitcoin::Transaction child = anchor_child(keys_, s, world);
    if (world.broadcast(child).accepted()) ledger_.add(child);
}

void HtlcHolder::claim(HtlcState& h, bool on_victims, bitcoin::Height height,
                       bitcoin::World& world) {
    const Channel& ch = channels_[h.channel];
    const bitcoin::Outpoint o = ch.htlc(on_victims, h.index);
    const auto& commitment = ch.commitment(on_victims);
    const bitcoin::TxOut& spent = commitment.outputs[o.index];
    bitcoin::policy::Assets assets;
    assets.keys = on_victims ? std::set<bitcoin::KeyId>{keys_.v_htlc, keys_.m_htlc}
                             : std::set<bitcoin::KeyId>{keys_.v_htlc};
    assets.height = height + 1;
    assets.age_blocks = height + 1 - *world.confirmed_at(commitment.id);
    const auto path = bitcoin::policy::satisfy(*spent.policy, assets);
    if (!path) return;
    // From V's commitment the presigned HTLC-timeout (BOLT 3), paying to a delayed output of V's;
    // from M's commitment a direct spend to V's wallet.
    const auto out =
        on_victims ? htlc_timeout_output(keys_, ch.spec.to_self_delay_blocks) : payout(keys_, true);
    bitcoin::Transaction tx = bitcoin::TxBuilder(world.next_txid())
                                  .version(commitment.version)
                                  .spend(o, spent, *path)
                                  .pay(spent.value, out)
                                  .build();
    const double rate = ch.spec.format == CommitmentFormat::legacy
                            ? ch.spec.commitment_fee_rate_sat_vb  // presigned with the commitment
                            : claim_rate(height + 1, static_cast<double>(spent.value.value),
                                         static_cast<double>(tx.weight.vbytes()));
    if (h.current != 0 && world.mempool().contains(h.current) && rate <= h.rate) return;
    tx.fee = bitcoin::FeeRate{rate}.fee_for(tx.weight);
    tx.outputs.front().value = spent.value - tx.fee;
    if (tx.outputs.front().value < bitcoin::Sat{0}) return;
    if (!world.broadcast(tx).accepted()) return;
    h.current = tx.id;
    h.rate = rate;
    h.claims.push_back(tx.id);
    ledger_.add(tx);
}

void HtlcHolder::on_block(bitcoin::Height height, bitcoin::World& world) {
    if (done(world)) return;
    ++sightings_;
    const bool resend_now =
        sightings_ % std::max<std::uint32_t>(1, preset_.rebroadcast_interval_blocks) == 0;
    for (std::size_t c = 0; c < channels_.size(); ++c) {
        if (confirmed_[c]) continue;
        confirmed_[c] = confirmed_commitment(c, world);
        if (confirmed_[c]) {
            for (std::uint32_t i = 0; i < channels_[c].spec.htlcs; ++i)
                watched_.insert(channels_[c].htlc(*confirmed_[c], i));
        } else if (resend_now) {
            drive_commitment(c, world);
        }
    }
    for (HtlcState& h : htlcs_) {
        if (h.resolved) continue;
        const auto which = confirmed_[h.channel];
        if (!which) continue;
        const Channel& ch = channels_[h.channel];
        // A claim of ours still pending means the output is unspent: skip the chain lookups.
        const bool pending = h.current != 0 && world.mempool().contains(h.current);
        if (!pending) {
            const bool ours =
                h.current != 0 && std::any_of(h.claims.begin(), h.claims.end(), [&](auto id) {
                    return world.confirmed_at(id).has_value();
                });
            if (ours) {
                h.resolved = true;
                ++resolved_;
                continue;
            }
            if (!world.coins().find(ch.htlc(
                    *which, h.index))) {  // M spent it with the preimage: the chain reveals it
                if (!learned_height_ && height <= deadline_) learned_height_ = height;
                h.resolved = true;
                ++resolved_;
                continue;
            }
        }
        if (height + 1 <= ch.spec.expiry_height)
            continue;  // after(expiry) not met in the next block
        const bool missing = !pending;
        if (h.current == 0 || (missing && resend_now) || (!missing && p_.fee_policy == "deadline"))
            claim(h, *which, height, world);
    }
}

void HtlcHolder::scan(bitcoin::World& world) {
    // A node learns of conflicts with its transactions from its mempool's replacement
    // notifications (Bitcoin Core's ZMQ / mempool "removed for replacement"): it reads the
    // mempool when something was replaced since its last look, not otherwise.
    if (watched_.empty() || world.stats().txs_replaced == replaced_seen_) return;
    replaced_seen_ = world.stats().txs_replaced;
    for (const auto& [id, e] : world.mempool().entries())
        for (const auto& in : e.tx.inputs)
            if (!in.witness.preimages.empty() && watched_.count(in.prevout)) {
                learned_height_ = world.tip_height();
                return;
            }
}

void HtlcHolder::on_wake(std::uint32_t tag, bitcoin::World& world) {
    if (tag != scan_tag || done(world)) return;
    scan(world);
    if (!learned_height_) world.wake(self_, p_.mempool_poll_s, scan_tag);
}

bool HtlcHolder::done(const bitcoin::World& world) const {
    return world.tip_height() > deadline_ || learned_height_ || resolved_ == htlcs_.size();
}

std::uint64_t HtlcHolder::htlcs_claimed(const bitcoin::World& world) const {
    std::uint64_t n = 0;
    for (const HtlcState& h : htlcs_)
        for (auto id : h.claims)
            if (auto at = world.confirmed_at(id); at && *at <= deadline_) {
                ++n;
                break;
            }
    return n;
}

std::optional<bitcoin::Height> HtlcHolder::last_claim_height(const bitcoin::World& world) const {
    std::optional<bitcoin::Height> last;
    for (const HtlcState& h : htlcs_)
        for (auto id : h.claims)
            if (auto at = world.confirmed_at(id)) last = std::max(last.value_or(0), *at);
    return last;
}

}  // namespace models::layer2::lightning
