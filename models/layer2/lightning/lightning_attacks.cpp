// See lightning_attacks.hpp. Censorship reuses the Bitcoin model's censor strategy (race world,
// feather-forking); bribery runs miners as agents; Flood & Loot and congestion run the block-space
// market block by block; time dilation runs the victim's delayed view of the chain.
#include "models/layer2/lightning/lightning_attacks.hpp"

#include <algorithm>
#include <cmath>

#include "models/layer2/lightning/block_space.hpp"
#include "models/layer2/lightning/channel.hpp"
#include "models/layer2/lightning/lightning_closed_forms.hpp"
#include "models/layer2/primitives.hpp"
#include "sim/random/distributions.hpp"

namespace models::layer2 {

namespace {

constexpr double block_s = 600.0;
constexpr double block_vbytes = 1'000'000.0;
enum class Purpose : std::uint32_t { watcher = 21, blocks = 23, dilation = 24 };

sim::RngStream stream(const sim::RunInput& in, Purpose p) {
    return sim::RngStream(in.master_seed, in.stream_run, static_cast<std::uint64_t>(p));
}

/// Blocks of the window lost before the watcher sees the revoked state (a victim may be offline;
/// a tower is always watching).
int offline_blocks(const LightningParams& p, const sim::RunInput& in) {
    if (p.watcher != "victim" || p.victim_availability >= 1.0) return 0;
    auto rng = stream(in, Purpose::watcher);
    return static_cast<int>(sim::random::geometric(rng, p.victim_availability));
}

Record revoked_censorship(const Layer2Params& p, const sim::RunInput& in, int depth) {
    const Channel channel(p.lightning, 0);
    const int delay = channel.policy().to_self_delay_blocks;
    const int window = delay - offline_blocks(p.lightning, in);
    if (window <= 0) {  // nobody watched in time: the revoked state stands
        Record r;
        r.success = 1;
        r.window_blocks = delay;
        r.time_to_success_s = r.duration_s = delay * block_s;
        r.channels_attacked = 1;
        return r;
    }
    Record r = censor_tx(p.attack.hash_share, depth > 0 ? depth : window, window,
                         lightning_forms::justice_fee_btc(p.lightning), in);
    r.window_blocks = delay;
    r.channels_attacked = 1;
    return r;
}

Record revoked_bribery(const Layer2Params& p, const sim::RunInput& in) {
    const Channel channel(p.lightning, 0);
    Record r = timelocked_bribe(p.miners.template_shares, p.attack.miner_bribe_btc, lightning_forms::justice_fee_btc(p.lightning),
                                channel.policy().to_self_delay_blocks, in);
    r.channels_attacked = 1;
    return r;
}

/// Runs blocks [0, blocks) of the market; returns what the attacker paid for filler.
double run_market(const LightningParams& lp, const sim::RunInput& in, std::vector<PendingTx>& txs, int blocks,
                  double attacker_rate, Record& r, const std::vector<int>& parent) {
    BlockSpace space(block_vbytes, lp.competing_share, lp.competing_share_sd, lp.competing_fee_rate_sat_vb,
                     stream(in, Purpose::blocks));
    double attacker_fees = 0.0;
    for (int b = 0; b < blocks; ++b) {
        for (std::size_t i = 0; i < txs.size(); ++i)  // children wait for their commitment
            if (parent[i] >= 0 && txs[parent[i]].done())
                txs[i].valid_from = std::max<std::int64_t>(txs[i].valid_from, txs[parent[i]].last_confirmed_in + 1);
        const BlockFill f = space.mine(b, txs, attacker_rate);
        attacker_fees += f.attacker_fees_sat;
        r.victim_fees_sat += f.victim_fees_sat;
    }
    return attacker_fees;
}

Record flood_and_loot(const Layer2Params& p, const sim::RunInput& in) {
    const LightningParams& lp = p.lightning;
    const Channel channel(lp, 0);
    const ChannelPolicy pol = channel.policy();
    const int per_channel = std::min<int>(static_cast<int>(lp.htlcs_per_channel), pol.max_accepted_htlcs);
    const int bd = pol.broadcast_delta_blocks, window = pol.cltv_expiry_delta_blocks;
    Record r;
    std::vector<PendingTx> txs;
    std::vector<int> parent;
    const auto max_rate = [&](double value_btc, double vb) {
        return lp.anchors ? std::max(lp.fixed_fee_rate_sat_vb, value_btc * 1e8 / vb) : lp.fixed_fee_rate_sat_vb;
    };
    // Victims go on-chain broadcast_delta blocks before expiry (block 0); HTLC-timeout claims are
    // valid from expiry (block bd) and must confirm before the upstream HTLC expires (bd + delta).
    for (int c = 0; c < lp.channels; ++c) {
        txs.push_back({lp.commitment_vbytes, lp.fixed_fee_rate_sat_vb,
                       max_rate(per_channel * lp.htlc_value_btc, lp.commitment_vbytes), 0});
        parent.push_back(-1);
        const int commitment = static_cast<int>(txs.size()) - 1;
        txs.push_back({lp.htlc_claim_vbytes, lp.fixed_fee_rate_sat_vb, max_rate(lp.htlc_value_btc, lp.htlc_claim_vbytes),
                       bd, per_channel});  // the channel's HTLC-timeout claims, one batch
        parent.push_back(commitment);
    }
    run_market(lp, in, txs, bd + window, 0.0, r, parent);
    double lost = 0, last = 0;
    for (std::size_t i = 0; i < txs.size(); ++i) {
        if (parent[i] < 0) continue;
        lost += static_cast<double>(txs[i].count - txs[i].confirmed);
        if (txs[i].last_confirmed_in >= 0) last = std::max<double>(last, static_cast<double>(txs[i].last_confirmed_in - bd));
    }
    r.value_at_risk_btc = lp.channels * per_channel * lp.htlc_value_btc;
    r.success = lost > 0;
    r.value_stolen_btc = lost * lp.htlc_value_btc;
    r.claim_wait_blocks = lost > 0 ? std::numeric_limits<double>::quiet_NaN() : last;
    r.window_blocks = window;
    r.channels_attacked = static_cast<double>(lp.channels);
    r.fees_paid_sat = lp.channels * lp.commitment_vbytes * lp.fixed_fee_rate_sat_vb;  // the attacker's channel opens
    r.duration_s = (bd + window) * block_s;
    if (r.success > 0) r.time_to_success_s = r.duration_s;
    return r;
}

Record congestion(const Layer2Params& p, const sim::RunInput& in) {
    const LightningParams& lp = p.lightning;
    const ChannelPolicy pol = policy_of(lp);
    const bool justice = p.attack.target == "justice";
    const int window = justice ? pol.to_self_delay_blocks : pol.cltv_expiry_delta_blocks;
    const double vb = justice ? lp.justice_vbytes : lp.htlc_claim_vbytes;
    const double value = justice ? lp.channel_capacity_btc : lp.htlc_value_btc;
    const bool bumps = lp.watcher == "tower_bump" || (!justice && lp.anchors);
    Record r = congest(lp, vb, lp.fixed_fee_rate_sat_vb, bumps ? value * 1e8 / vb : lp.fixed_fee_rate_sat_vb, window,
                       p.attack.fee_rate_sat_vb, in);
    r.value_at_risk_btc = value;
    r.value_stolen_btc = r.success * value;
    r.channels_attacked = 1;
    return r;
}

Record time_dilation(const Layer2Params& p, const sim::RunInput& in) {
    // The eclipsed victim receives block j at found_j + j * dilation (each block delayed a little
    // more than the last, Riard and Naumenko 2020 §4): its view falls behind by about
    // dilation / 600 blocks per block. The attack wins once the victim lags
    // by its whole reaction margin (HTLC: broadcast_delta + cltv_expiry_delta; justice:
    // to_self_delay) before the eclipse must end.
    const LightningParams& lp = p.lightning;
    const ChannelPolicy pol = policy_of(lp);
    const int needed = p.attack.target == "justice" ? pol.to_self_delay_blocks
                                                    : pol.broadcast_delta_blocks + pol.cltv_expiry_delta_blocks;
    const double limit_s = lp.eclipse_hours_limit * 3600.0;
    auto rng = stream(in, Purpose::dilation);
    Record r;
    r.window_blocks = needed;
    r.channels_attacked = 1;
    r.value_at_risk_btc = p.attack.target == "justice" ? lp.channel_capacity_btc : lp.htlc_value_btc * pol.max_accepted_htlcs;
    std::vector<double> delivered;
    double t = 0.0;
    std::size_t seen = 0;
    for (int real = 1;; ++real) {
        t += sim::random::exponential_mean(rng, block_s);
        while (seen < delivered.size() && delivered[seen] <= t) ++seen;
        if (t > limit_s) break;
        if (real - static_cast<int>(seen) >= needed) {
            r.success = 1;
            break;
        }
        delivered.push_back(t + real * lp.dilation_s_per_block);
    }
    r.eclipse_seconds = std::min(t, limit_s);
    r.duration_s = r.eclipse_seconds;
    if (r.success > 0) {
        r.time_to_success_s = t;
        r.value_stolen_btc = r.value_at_risk_btc;
    }
    return r;
}

}  // namespace

Record lightning_attack(const Layer2Params& p, const sim::RunInput& in) {
    const std::string& a = p.layer2.attack;
    Record r;
    if (a == "revoked_majority") r = revoked_censorship(p, in, 0);
    else if (a == "revoked_feather_fork") r = revoked_censorship(p, in, static_cast<int>(p.attack.feather_fork_depth));
    else if (a == "revoked_bribery") r = revoked_bribery(p, in);
    else if (a == "flood_and_loot") r = flood_and_loot(p, in);
    else if (a == "congestion") r = congestion(p, in);
    else r = time_dilation(p, in);
    if (a.rfind("revoked", 0) == 0) {
        r.value_at_risk_btc = p.lightning.channel_capacity_btc;
        r.value_stolen_btc = r.success * r.value_at_risk_btc;
    }
    return r;
}

}  // namespace models::layer2
