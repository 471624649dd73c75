// The `lightning` model's agents against the closed forms of the attacks, as limit cases. Every
// simulated value comes from transactions in blocks: the thief's revoked commitment, the tower's
// justice, the thief's sweep, HTLC-timeout claims and filler enter the mempool; pools drawn by
// hash share build templates from it; the outcome is which transaction a block confirmed. The
// closed forms are only oracles. Tolerances: z = 3.29 standard errors of each test's own sample
// (binomial), fixed seeds; deterministic limits are checked exactly.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/layer2/lightning/lightning_world_model.hpp"
#include "replications.hpp"

using l2sim_test::replicate;
using l2sim_test::within_binomial;
using models::layer2::lightning::LightningWorldModel;
using Params = LightningWorldModel::Params;

namespace {

std::size_t col(const Params& p, const std::string& name) {
    const auto cols = LightningWorldModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return i;
    throw std::runtime_error("no lightning column " + name);
}

double mean_of(const std::vector<std::vector<double>>& rows, std::size_t c) {
    double s = 0;
    for (const auto& r : rows) s += r[c];
    return s / static_cast<double>(rows.size());
}

/// A revoked-state dispute in a quiet world: no background demand, the thief's commitment
/// confirms in block 1 (h_c = 1), the tower reacts at once with a 10 sat/vB presigned justice.
Params quiet_revoked(std::vector<double> shares, int to_self_delay) {
    Params p;
    p.world.pools.shares = std::move(shares);
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = to_self_delay + 12;
    p.channel.contested = "revoked_state";
    p.channel.implementation = "cln";
    p.channel.to_self_delay_blocks = to_self_delay;
    p.channel.dispute_start_blocks = 0;
    p.tower.latency_s = 0.0;
    p.tower.fee_rate_sat_vb = 10.0;
    return p;
}

/// Blocks in which only the justice transaction can confirm: the commitment confirms at h_c = 1;
/// the tower sees it and broadcasts justice for block 2; the thief's older(d) path is valid in
/// block 1 + d, and the thief broadcasts its sweep (replacing justice by BIP125) once it sees
/// block d. So the justice can confirm in blocks 2 .. d: d - 1 blocks.
int justice_blocks(int d) {
    return d - 1;
}

}  // namespace

// Why the simulation cannot simply reproduce alpha^k: nothing computes a probability. Block finders
// are drawn by hash share; the censoring pools' templates leave out every spend of the thief's
// to_local except the thief's own; honest pools' templates take the justice transaction. k comes
// from the BOLT 3 policy's older(to_self_delay), the consensus check at block connect, the
// agents' reactions and BIP125 replacement; an off-by-one anywhere gives alpha^(k +- 1).
TEST_CASE("Lightning world: revoked state under censorship succeeds with alpha^(d-1)",
          "[stat-light][lightning-world]") {
    struct Point {
        std::vector<double> shares;
        double alpha;
        int delay;
    };
    const std::vector<Point> points{{{0.6, 0.4}, 0.6, 4}, {{0.5, 0.3, 0.2}, 0.8, 6}};
    const int runs = 4000;
    std::uint64_t seed = 301;
    for (const auto& pt : points) {
        auto p = quiet_revoked(pt.shares, pt.delay);
        p.adversary.censor.hash_share = pt.alpha;
        const auto rows = replicate<LightningWorldModel>(p, runs, seed++);
        const double sim = mean_of(rows, col(p, "attack_success"));
        const double exact = std::pow(pt.alpha, justice_blocks(pt.delay));
        double hw = 0;
        const bool ok = within_binomial(sim, exact, runs, &hw);
        std::printf(
            "revoked, censor alpha %.2f, to_self_delay %d: closed %.5f simulated %.5f CI half "
            "%.5f\n",
            pt.alpha, pt.delay, exact, sim, hw);
        CHECK(ok);
        CHECK_FALSE(within_binomial(sim, std::pow(pt.alpha, justice_blocks(pt.delay) + 1), runs));
    }
}

// Why the bribery condition is not assumed: each pool that finds a block builds its template with
// and without the justice transaction and leaves it out when its share of the bribe (the thief's
// sweep fee) beats the fee the template gives up, which is whatever the mempool holds (here the
// justice fee f, read from a run without a bribe). Which pools censor is found block by block.
// Just above f / lambda_min every pool censors (success 1 exactly); just below, the smallest pool
// takes the justice when it finds a block: (1 - lambda_min)^(d-1).
TEST_CASE("Lightning world: timelocked bribery succeeds iff b > f / lambda_min",
          "[stat-light][lightning-world]") {
    const std::vector<double> shares{0.5, 0.3, 0.2};
    const int delay = 5, runs = 3000;
    auto p = quiet_revoked(shares, delay);
    const auto honest = replicate<LightningWorldModel>(p, 20, 401);
    const double f = honest.front()[col(p, "victim_fees_sat")];
    REQUIRE(f > 0);
    CHECK(mean_of(honest, col(p, "attack_success")) == 0.0);
    p.world.pools.bribe_rule = "myopic";
    const double threshold = std::floor(f / shares.back());
    p.adversary.thief.bribe_btc = (threshold + 1) / 1e8;
    const auto above = replicate<LightningWorldModel>(p, runs, 402);
    p.adversary.thief.bribe_btc = (threshold - 1) / 1e8;
    const auto below = replicate<LightningWorldModel>(p, runs, 403);
    const double exact_below = std::pow(1.0 - shares.back(), justice_blocks(delay));
    double hw = 0;
    const bool ok =
        within_binomial(mean_of(below, col(p, "attack_success")), exact_below, runs, &hw);
    std::printf(
        "bribery: f %.0f sat, f/lambda_min %.0f sat: above %.5f; below closed %.5f simulated %.5f "
        "CI half %.5f\n",
        f, threshold, mean_of(above, col(p, "attack_success")), exact_below,
        mean_of(below, col(p, "attack_success")), hw);
    CHECK(mean_of(above, col(p, "attack_success")) == 1.0);
    CHECK(mean_of(above, col(p, "bribe_paid_sat")) == Approx(threshold + 1));
    CHECK(ok);
}

// Why the Flood & Loot bound is not built in: each HTLC is its own HTLC-timeout transaction in the
// mempool; blocks are filled by the template builder up to Core's default block weight; nothing
// counts capacity. The closed form (Harris and Zohar 2020, §5: at most W x floor(B / w) claims
// confirm in a window of W blocks of weight B) is reached exactly when every claim is valid in the
// same blocks and pays the same rate, which a quiet world gives.
TEST_CASE("Lightning world: Flood & Loot claims confirmed equal the block-space bound",
          "[stat-light][lightning-world]") {
    Params p;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 40;
    p.channel.contested = "htlc";
    p.channel.implementation = "cln";
    p.channel.format = "legacy";
    p.channel.dispute_start_blocks = 0;
    p.channel.cltv_expiry_delta_blocks = 2;
    p.channel.channels = 500;
    p.channel.htlcs_per_channel = 30;
    p.channel.htlc_value_btc = 0.001;
    p.victim.latency_s = 0.0;
    const auto rows = replicate<LightningWorldModel>(p, 3, 501);
    // The weight of one HTLC-timeout (BOLT 3) as the builder makes it: V's key and M's presigned
    // signature on the offered HTLC, paying to V's delayed output.
    namespace ln = models::layer2::lightning;
    namespace btc = models::bitcoin;
    ln::ChannelKeys keys;
    ln::ChannelSpec s;
    s.capacity = btc::from_btc(0.1);
    s.htlcs = 1;
    s.htlc_value = btc::from_btc(0.001);
    s.expiry_height = 18;
    s.format = ln::CommitmentFormat::legacy;
    btc::TxId next = 10;
    const ln::Channel c = ln::build_channel(keys, s, btc::Outpoint{1, 0}, [&] { return next++; });
    const btc::TxOut& htlc = c.commitment(true).outputs[c.htlc(true, 0).index];
    btc::policy::Assets a;
    a.keys = {keys.v_htlc, keys.m_htlc};
    a.height = 19;
    const auto path = btc::policy::satisfy(*htlc.policy, a);
    REQUIRE(path);
    const btc::Weight w = btc::TxBuilder(99)
                              .spend(c.htlc(true, 0), htlc, *path)
                              .pay(htlc.value, ln::htlc_timeout_output(keys, 144))
                              .build()
                              .weight;
    constexpr std::int64_t block_weight_wu =
        3'996'000;  // DEFAULT_BLOCK_MAX_WEIGHT, policy/policy.h
    const double bound =
        2.0 * static_cast<double>(block_weight_wu / w.wu);  // claims in blocks 19, 20
    for (const auto& r : rows) {
        const double claimed = r[col(p, "htlcs_claimed")];
        std::printf(
            "flood & loot: 15000 HTLCs, window 2 blocks, claim %lld WU: bound %.0f claimed %.0f "
            "lost %.0f\n",
            static_cast<long long>(w.wu), bound, claimed, r[col(p, "htlcs_lost")]);
        CHECK(r[col(p, "attack_success")] == 1.0);
        CHECK(claimed + r[col(p, "htlcs_lost")] == 15000.0);
        CHECK(claimed == bound);
    }
}

// Why the congestion cost is not assumed: the filler is the adversary's own transactions, topped
// up after every block while the justice window is open and confirmed only when a template takes
// them over the justice transaction (they bid more). The P-SPACE cost C = T x B x f (T blocks of B
// vbytes at the filler's rate f) is reached when every block of the window is full of filler; the
// simulation counts the filler that actually confirmed, so a window off by one block, or a gap a
// block left for the justice transaction, moves it by a block's worth.
TEST_CASE("Lightning world: congesting the justice window costs T x B x f",
          "[stat-light][lightning-world]") {
    const int delay = 6;
    auto p = quiet_revoked({0.5, 0.3, 0.2}, delay);
    p.adversary.congest.fee_rate_sat_vb = 11.0;
    const auto rows = replicate<LightningWorldModel>(p, 20, 601);
    const double block_vb = 999'000;  // DEFAULT_BLOCK_MAX_WEIGHT / 4 (policy/policy.h)
    const double t = justice_blocks(delay);
    for (const auto& r : rows) {
        // The T blocks of the window are full of filler; what is still pending when the window
        // closes (at most one block's worth) confirms after it, and large pieces bid 1.01 f.
        const double vb = r[col(p, "attacker_vbytes")];
        const double fees = r[col(p, "filler_fees_sat")];
        CHECK(r[col(p, "attack_success")] == 1.0);
        CHECK(vb >= t * block_vb);
        CHECK(vb <= (t + 1) * block_vb);
        CHECK(fees >= t * block_vb * 11.0);
        CHECK(fees <= (t + 1) * block_vb * 11.0 * 1.01);
    }
    const auto& r = rows.front();
    std::printf(
        "congestion: T %.0f blocks x %.0f vB x 11 sat/vB = %.0f sat; simulated %.0f sat, %.0f vB\n",
        t, block_vb, t * block_vb * 11.0, r[col(p, "filler_fees_sat")],
        r[col(p, "attacker_vbytes")]);
}

// Replacement cycling and the October 2023 mitigations, qualitatively (no closed form exists for
// the race between Poisson blocks and the attacker's polling): with an ample budget and a victim
// that neither scans its mempool nor re-sends often the attacker usually wins; a victim that scans
// its mempool more often than the attacker's preimage spend lingers always learns the preimage; a
// budget below one cycle's cost never wins; a victim re-sending only every 10 blocks makes the
// attacker cycle less.
TEST_CASE("Lightning world: replacement cycling against rebroadcast, scanning and budget",
          "[stat-light][lightning-world]") {
    Params p;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 120;
    p.channel.contested = "htlc";
    p.channel.implementation = "lnd";
    p.channel.dispute_start_blocks = 0;
    p.channel.scan_mempool = "no";
    p.victim.latency_s = 1.0;
    p.adversary.cycle.budget_sat = 1e8;
    p.adversary.cycle.reaction_s = 1.0;
    p.adversary.cycle.hold_s = 1.0;
    const int runs = 60;
    const auto base = replicate<LightningWorldModel>(p, runs, 701);
    auto scan = p;
    scan.channel.scan_mempool = "yes";
    scan.victim.mempool_poll_s = 0.5;
    const auto scanned = replicate<LightningWorldModel>(scan, runs, 701);
    auto poor = p;
    poor.adversary.cycle.budget_sat = 1'000;
    const auto poor_rows = replicate<LightningWorldModel>(poor, runs, 701);
    auto lazy = p;
    lazy.channel.rebroadcast_interval_blocks = 10;
    const auto lazy_rows = replicate<LightningWorldModel>(lazy, runs, 701);
    const double s_base = mean_of(base, col(p, "attack_success"));
    std::printf(
        "replacement cycling: success %.3f (cycles %.1f, attacker fees %.0f sat); scanning %.3f; "
        "budget 1000 sat %.3f; rebroadcast every 10 blocks %.3f (cycles %.1f)\n",
        s_base, mean_of(base, col(p, "replacement_cycles")),
        mean_of(base, col(p, "attacker_fees_sat")), mean_of(scanned, col(p, "attack_success")),
        mean_of(poor_rows, col(p, "attack_success")), mean_of(lazy_rows, col(p, "attack_success")),
        mean_of(lazy_rows, col(p, "replacement_cycles")));
    CHECK(s_base > 0.5);
    CHECK(mean_of(scanned, col(p, "attack_success")) == 0.0);
    CHECK(mean_of(scanned, col(p, "preimage_learned")) == 1.0);
    CHECK(mean_of(poor_rows, col(p, "attack_success")) == 0.0);
    CHECK(mean_of(lazy_rows, col(p, "replacement_cycles")) <
          mean_of(base, col(p, "replacement_cycles")));
}
