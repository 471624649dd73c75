// Parameters of the Layer2 designs of shared/reference/layer2-designs.md §12 (M1 threshold-custody
// peg, M2 merged mining, M3 drivechain, M9 the L1 payment baseline), declared once. Defaults cite
// their source there; every one is an input.
#pragma once

#include <cstdint>
#include <string>

#include "models/layer2/timelock_designs/timelock_params.hpp"
#include "models/layer2/block_market_params.hpp"
#include "models/layer2/miner_params.hpp"
#include "sim/params/field.hpp"

namespace models::layer2 {

struct DesignParams {
    std::string design = "l1_payment";
    std::string attack = "double_spend";
    double value_at_risk_btc = 1000.0;

    template <class V>
    void describe(V& v) {
        v.field("design", design, "-", "Layer2 design",
                sim::one_of({"l1_payment", "custody_peg", "merged_mining", "drivechain", "bitvm2", "rollup",
                             "babylon", "ark", "statechain"}));
        v.field("attack", attack, "-",
                "attack family: double_spend (l1_payment); bribe_theft, freeze, halt_emergency, pegin_reorg "
                "(custody_peg); rental_reorg, cartel_reorg (merged_mining); theft, freeze (drivechain); "
                "committee_collusion, censor_majority, censor_feather_fork, censor_bribery, "
                "censor_congestion, operator_freeze (bitvm2); da_withholding, bridge_theft, malicious_upgrade (rollup); "
                "double_sign, escape_slash, escape_slash_congestion, long_range (babylon); mass_exit, "
                "mass_exit_congestion (ark); operator_collusion, backup_censor (statechain)",
                sim::one_of({"double_spend", "bribe_theft", "freeze", "halt_emergency", "pegin_reorg",
                             "rental_reorg", "cartel_reorg", "theft", "committee_collusion",
                             "censor_majority", "censor_feather_fork", "censor_bribery", "censor_congestion",
                             "operator_freeze", "da_withholding", "bridge_theft", "malicious_upgrade", "double_sign",
                             "escape_slash", "escape_slash_congestion", "long_range", "mass_exit",
                             "mass_exit_congestion", "operator_collusion", "backup_censor"}));
        v.field("value_at_risk_btc", value_at_risk_btc, "BTC", "value the attack steals or freezes",
                sim::non_negative());
    }
};

struct AttackBudget {
    double hash_share = 0.0;
    bool rented = true;
    double bribe_per_signer_btc = 0.0;
    std::int64_t give_up_deficit = 20;
    double miner_bribe_btc = 0.0;
    double fee_rate_sat_vb = 0.0;
    std::int64_t feather_fork_depth = 6;
    double stake_share = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("hash_share", hash_share, "1",
                "attacker's share of the hash that decides the attack (Bitcoin's, or the merged-mined hash)",
                sim::in_range(0.0, 0.999));
        v.field("rented", rented, "-", "true: rented hash joins the network; false: a cartel of existing miners");
        v.field("bribe_per_signer_btc", bribe_per_signer_btc, "BTC",
                "bribe offered per keyholder: the cap (discriminating) or the price (posted)", sim::non_negative());
        v.field("give_up_deficit", give_up_deficit, "blocks", "races: abandon this many blocks behind",
                sim::at_least(1));
        v.field("miner_bribe_btc", miner_bribe_btc, "BTC",
                "bitvm2 censor_bribery: timelocked bribe to the miner of the block after the window",
                sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "bitvm2 censor_congestion: the attacker's filler fee rate",
                sim::non_negative());
        v.field("feather_fork_depth", feather_fork_depth, "blocks",
                "bitvm2 censor_feather_fork: orphan blocks with the challenge tx until this deep", sim::in_range(1, 100));
        v.field("stake_share", stake_share, "1", "babylon: share of the staked BTC the attacker controls",
                sim::in_range(0.0, 1.0));
    }
};

struct L1Params {
    std::int64_t confirmations = 6;

    template <class V>
    void describe(V& v) {
        v.field("confirmations", confirmations, "blocks", "confirmations the payee waits (baseline: 6)",
                sim::in_range(1, 1000));
    }
};

struct PegParams {
    std::string preset = "liquid";
    std::int64_t signers = 15;
    std::int64_t threshold = 11;
    std::int64_t emergency_keys = 3;
    std::int64_t emergency_threshold = 2;
    std::int64_t emergency_delay_blocks = 4032;
    std::int64_t pegin_confirmations = 100;
    double signer_cost_median_btc = 50.0;  // a model input: no public price for a keyholder exists
    double signer_cost_sigma = 1.0;
    double signer_cost_spread = 4.0;
    double availability = 0.99;
    double fault_rate_per_year = 0.0;
    std::string bribe_mode = "discriminating";

    template <class V>
    void describe(V& v) {
        v.field("preset", preset, "-",
                "liquid 11-of-15 (2-of-3 after 4032 blocks); rootstock 5-of-9 (3-of-4 after 52560); sbtc "
                "10-of-14; tbtc 51-of-100; custom: the keys below",
                sim::one_of({"liquid", "rootstock", "sbtc", "tbtc", "custom"}));
        v.field("signers", signers, "keys", "custom: n", sim::at_least(1));
        v.field("threshold", threshold, "keys", "custom: k signatures move funds", sim::at_least(1));
        v.field("emergency_keys", emergency_keys, "keys", "custom: emergency path m (0: none)", sim::non_negative());
        v.field("emergency_threshold", emergency_threshold, "keys", "custom: emergency path j", sim::non_negative());
        v.field("emergency_delay_blocks", emergency_delay_blocks, "blocks", "custom: timelock before the emergency path",
                sim::non_negative());
        v.field("pegin_confirmations", pegin_confirmations, "blocks", "custom: peg-in confirmations d",
                sim::at_least(1));
        v.field("signer_cost_median_btc", signer_cost_median_btc, "BTC",
                "MODEL INPUT, no public source: median price at which one keyholder signs a theft "
                "(reputation, bond, legal exposure); federation costs scale linearly with it",
                sim::positive());
        v.field("signer_cost_sigma", signer_cost_sigma, "1", "lognormal sigma of a keyholder's cost",
                sim::in_range(0.0, 5.0));
        v.field("signer_cost_spread", signer_cost_spread, "1",
                "heterogeneity: medians log-spaced from median/spread to median*spread", sim::at_least(1.0));
        v.field("availability", availability, "1", "probability a keyholder is online to sign or refuse",
                sim::in_range(0.0, 1.0));
        v.field("fault_rate_per_year", fault_rate_per_year, "1/yr",
                "rate of a software fault that lets a peg-out through", sim::non_negative());
        v.field("bribe_mode", bribe_mode, "-",
                "discriminating: pay each of the cheapest keyholders its own cost (up to the offer); "
                "posted: pay the offer to each",
                sim::one_of({"discriminating", "posted"}));
    }
};

struct MergedParams {
    double merged_share = 0.8;
    double block_interval_s = 30.0;
    std::int64_t confirmations = 4000;

    template <class V>
    void describe(V& v) {
        v.field("merged_share", merged_share, "1", "share of Bitcoin hash merge-mining the sidechain (RSK ~0.8)",
                sim::in_range(0.001, 1.0));
        v.field("block_interval_s", block_interval_s, "s", "sidechain block interval (RSK ~30 s)", sim::positive());
        v.field("confirmations", confirmations, "blocks",
                "sidechain confirmations before value moves (RSK peg-out: 4000)", sim::at_least(1));
    }
};

struct DrivechainParams {
    std::int64_t ack_required = 13150;
    std::int64_t window_blocks = 26300;
    std::string honest_mode = "abstain";

    template <class V>
    void describe(V& v) {
        v.field("ack_required", ack_required, "ACKs", "ACKs a withdrawal bundle needs (BIP300)", sim::at_least(1));
        v.field("window_blocks", window_blocks, "blocks", "voting window (BIP300)", sim::at_least(1));
        v.field("honest_mode", honest_mode, "-", "honest miners on a theft bundle: abstain or downvote",
                sim::one_of({"abstain", "downvote"}));
    }
};

struct Layer2Params {
    DesignParams layer2;
    AttackBudget attack;
    L1Params l1;
    PegParams peg;
    MergedParams merged;
    DrivechainParams drivechain;
    BlockMarketParams market;
    MinerParams miners;
    BitVm2Params bitvm2;
    RollupParams rollup;
    StakingParams staking;
    ArkParams ark;
    StatechainParams statechain;

    template <class V>
    void describe(V& v) {
        v.section("layer2", layer2);
        v.section("attack", attack);
        v.section("l1", l1);
        v.section("peg", peg);
        v.section("merged", merged);
        v.section("drivechain", drivechain);
        v.section("market", market);
        v.section("miners", miners);
        v.section("bitvm2", bitvm2);
        v.section("rollup", rollup);
        v.section("staking", staking);
        v.section("ark", ark);
        v.section("statechain", statechain);
    }
};

}  // namespace models::layer2
