// Parameters of the designs of shared/reference/layer2-designs.md §12 M5-M8: BitVM2 bridges,
// rollups composed from parts, Bitcoin staking (Babylon), Ark and statechains. Presets name their
// source there; every default is an input.
#pragma once

#include <cstdint>
#include <string>

#include "sim/params/field.hpp"

namespace models::layer2 {

struct BitVm2Params {
    std::string preset = "clementine";
    std::int64_t committee = 10;
    std::int64_t operators = 5;
    std::int64_t challengers = 5;
    std::int64_t challenge_window_blocks = 1008;
    std::int64_t disprove_window_blocks = 5040;
    std::string censored_tx = "challenge";
    double collateral_btc = 0.99;
    double deposit_btc = 10.0;
    bool challengers_bump = true;
    double challenge_vbytes = 300.0;

    template <class V>
    void describe(V& v) {
        v.field("preset", preset, "-",
                "take1: challenge 432, disprove 2016 (BitVM reference); clementine: 1008 / 5040, 0.99 BTC collateral, "
                "10 BTC deposits (Citrea); goat: 2016 / 2016; custom: the keys below",
                sim::one_of({"take1", "clementine", "goat", "custom"}));
        v.field("committee", committee, "keys", "peg-in committee, n-of-n presigning", sim::at_least(1));
        v.field("operators", operators, "operators", "operators who front peg-outs", sim::at_least(1));
        v.field("challengers", challengers, "watchers", "challengers (1-of-n honest suffices)", sim::at_least(1));
        v.field("challenge_window_blocks", challenge_window_blocks, "blocks", "custom: time to challenge a claim",
                sim::at_least(1));
        v.field("disprove_window_blocks", disprove_window_blocks, "blocks", "custom: time to disprove an assertion",
                sim::at_least(1));
        v.field("censored_tx", censored_tx, "-", "which transaction a censor keeps out: the challenge or the disprove",
                sim::one_of({"challenge", "disprove"}));
        v.field("collateral_btc", collateral_btc, "BTC", "operator collateral, the challengers' reward", sim::non_negative());
        v.field("deposit_btc", deposit_btc, "BTC", "deposit unit a false claim steals", sim::positive());
        v.field("challengers_bump", challengers_bump, "-", "challengers bid fees up to the collateral (else pre-signed)");
        v.field("challenge_vbytes", challenge_vbytes, "vB", "challenge / disprove transaction size", sim::positive());
    }
};

struct RollupParams {
    std::string data_availability = "bitcoin";
    std::int64_t da_committee = 7;
    std::int64_t da_threshold = 5;
    std::string bridge = "bitvm2";
    std::int64_t upgrade_keys = 9;
    std::int64_t upgrade_threshold = 6;
    double upgrade_delay_days = 0.0;
    double exit_window_days = 7.0;
    double value_btc = 1000.0;

    template <class V>
    void describe(V& v) {
        v.field("data_availability", data_availability, "-",
                "bitcoin: data on Bitcoin (withholding needs a reorg); committee: a k-of-n data committee",
                sim::one_of({"bitcoin", "committee"}));
        v.field("da_committee", da_committee, "keys", "data committee size n", sim::at_least(1));
        v.field("da_threshold", da_threshold, "keys", "attestations that make data count as available", sim::at_least(1));
        v.field("bridge", bridge, "-", "the rollup's bridge: a custody peg (peg.*) or BitVM2 (bitvm2.*)",
                sim::one_of({"custody_peg", "bitvm2"}));
        v.field("upgrade_keys", upgrade_keys, "keys", "upgrade (security council) keys", sim::non_negative());
        v.field("upgrade_threshold", upgrade_threshold, "keys", "signatures an upgrade needs", sim::non_negative());
        v.field("upgrade_delay_days", upgrade_delay_days, "days", "delay before an upgrade takes effect (L2BEAT: 7 / 30)",
                sim::non_negative());
        v.field("exit_window_days", exit_window_days, "days", "time users need to exit before an upgrade lands",
                sim::non_negative());
        v.field("value_btc", value_btc, "BTC", "value the rollup holds", sim::positive());
    }
};

struct StakingParams {
    double stake_btc = 57000.0;
    double slash_rate = 0.001;
    std::int64_t covenant_keys = 9;
    std::int64_t covenant_threshold = 6;
    std::int64_t unbonding_blocks = 1008;
    std::int64_t checkpoint_depth = 10;
    double slashing_fee_rate_sat_vb = 10.0;
    double slashing_vbytes = 300.0;
    double secured_value_btc = 1000.0;

    template <class V>
    void describe(V& v) {
        v.field("stake_btc", stake_btc, "BTC", "BTC staked with finality providers (Babylon > 57k)", sim::positive());
        v.field("slash_rate", slash_rate, "1", "share of a double-signer's stake slashed (mainnet v1: 0.001)",
                sim::in_range(0.0, 1.0));
        v.field("covenant_keys", covenant_keys, "keys", "covenant committee n (6-of-9)", sim::at_least(1));
        v.field("covenant_threshold", covenant_threshold, "keys", "covenant committee k", sim::at_least(1));
        v.field("unbonding_blocks", unbonding_blocks, "blocks", "unbonding time: the slashing tx must confirm in it",
                sim::at_least(1));
        v.field("checkpoint_depth", checkpoint_depth, "blocks", "Bitcoin confirmations that finalise a checkpoint",
                sim::at_least(1));
        v.field("slashing_fee_rate_sat_vb", slashing_fee_rate_sat_vb, "sat/vB", "pre-signed slashing tx fee rate",
                sim::positive());
        v.field("slashing_vbytes", slashing_vbytes, "vB", "slashing transaction size", sim::positive());
        v.field("secured_value_btc", secured_value_btc, "BTC", "value a safety violation puts at risk", sim::positive());
    }
};

struct ArkParams {
    std::int64_t users = 50000;
    double vtxo_btc = 0.01;
    std::int64_t vtxo_lifetime_blocks = 1008;
    std::int64_t exit_delay_blocks = 144;
    double node_vbytes = 150.0;
    bool users_bump = false;

    template <class V>
    void describe(V& v) {
        v.field("users", users, "users", "users in one round's exit tree", sim::at_least(1));
        v.field("vtxo_btc", vtxo_btc, "BTC", "value of one VTXO", sim::positive());
        v.field("vtxo_lifetime_blocks", vtxo_lifetime_blocks, "blocks", "VTXO lifetime (arkd ~1008; bark 4320)",
                sim::at_least(1));
        v.field("exit_delay_blocks", exit_delay_blocks, "blocks", "CSV on a unilateral exit (144)", sim::non_negative());
        v.field("node_vbytes", node_vbytes, "vB", "one exit-tree transaction", sim::positive());
        v.field("users_bump", users_bump, "-", "exits can bump fees (CPFP) up to the VTXO value");
    }
};

struct StatechainParams {
    std::int64_t operators = 1;
    std::int64_t operator_threshold = 1;
    std::int64_t lock_init_blocks = 10000;
    std::int64_t decrement_blocks = 100;
    std::int64_t transfers = 5;
    double coin_btc = 0.1;

    template <class V>
    void describe(V& v) {
        v.field("operators", operators, "keys", "statechain entity keys (1; Spark 2)", sim::at_least(1));
        v.field("operator_threshold", operator_threshold, "keys", "keys that must collude", sim::at_least(1));
        v.field("lock_init_blocks", lock_init_blocks, "blocks", "first backup locktime (mercurylayer 10,000)",
                sim::at_least(1));
        v.field("decrement_blocks", decrement_blocks, "blocks", "locktime decrease per transfer (100)", sim::at_least(1));
        v.field("transfers", transfers, "transfers", "transfers so far", sim::at_least(1));
        v.field("coin_btc", coin_btc, "BTC", "value of the statecoin", sim::positive());
    }
};

}  // namespace models::layer2
