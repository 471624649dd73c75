// See layer2_model.hpp. Race attacks reuse the Bitcoin model's double-spend race; bribery runs on
// the Federation agents; drivechain on the HashrateEscrow walk.
#include "models/layer2/layer2_model.hpp"
#include "models/layer2/design_rules.hpp"

#include <cmath>
#include <stdexcept>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/double_spend.hpp"
#include "models/attacks/double_spend_duration.hpp"
#include "models/attacks/markov_exact.hpp"
#include "models/layer2/drivechain.hpp"
#include "models/layer2/federation.hpp"
#include "models/layer2/layer2_closed_forms.hpp"
#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/timelock_designs/timelock_closed_forms.hpp"
#include "models/layer2/attack_record.hpp"
#include "models/layer2/bitcoin_race.hpp"
#include "sim/random/distributions.hpp"

namespace models::layer2 {

namespace {

constexpr double bitcoin_block_s = 600.0;
enum class Purpose : std::uint32_t { keys = 11, votes = 12, faults = 13 };

/// The double-spend race of the Bitcoin model (overtake rule: real nodes need a longer chain),
/// with the attacker's hash entering it as bitcoin_race.hpp decides.
RaceOutcome race(const AttackerHash& h, int z, double interval_s, bool bitcoin_retarget,
                 std::int64_t give_up, const sim::RunInput& in) {
    bitcoin::BitcoinParams bp = race_params(h, interval_s, bitcoin_retarget);
    bp.attacker.strategy = "double_spend";
    bp.attacker.success_rule = "overtake";
    bp.attacker.give_up_deficit = give_up;
    bp.merchant.confirmations = z;
    bp.run.blocks = 10'000'000;
    return read_race(bitcoin::run_race<attacks::DoubleSpend>(bp, in).outcomes);
}

}  // namespace

/// The Bitcoin double-spend race with rented hash against `confirmations` (shared by the designs
/// whose weakest Bitcoin-side attack is a reorg: payments, peg-ins, DA on Bitcoin, checkpoints).
Record l1_reorg(const Layer2Params& p, int confirmations, const sim::RunInput& in) {
    Record r;
    const AttackerHash h{p.attack.hash_share, true, 1.0};
    const auto s = race(h, confirmations, bitcoin_block_s, true, p.attack.give_up_deficit, in);
    charge_hash(r, h, s.sim_time_s);
    count_engine(r, s);
    r.success = s.success;
    r.attacker_bitcoin_blocks = s.success ? s.attacker_main_blocks : 0.0;  // a lost branch is orphaned
    r.duration_s = s.sim_time_s;
    if (s.success) r.time_to_success_s = s.sim_time_s;
    r.window_blocks = confirmations;
    return r;
}

namespace {

Record l1_payment(const Layer2Params& p, const sim::RunInput& in) {
    return l1_reorg(p, static_cast<int>(p.l1.confirmations), in);
}

Record custody_peg(const Layer2Params& p, const sim::RunInput& in) {
    const FederationShape shape = shape_of(p.peg);
    if (p.layer2.attack == "pegin_reorg") {  // double-spend the peg-in deposit below d confirmations
        Layer2Params copy = p;
        copy.l1.confirmations = shape.pegin_confirmations;
        return l1_payment(copy, in);
    }
    Record r;
    sim::RngStream keys(in.master_seed, in.stream_run, static_cast<std::uint64_t>(Purpose::keys));
    const Federation federation(p.peg, keys);
    const double offer = p.attack.bribe_per_signer_btc;
    BriberyResult b;
    if (p.layer2.attack == "bribe_theft") b = federation.steal(offer);
    else if (p.layer2.attack == "freeze") b = federation.freeze(offer);
    else b = federation.halt_then_emergency(offer);
    r.success = b.success;
    r.keys_corrupted = b.keys_corrupted;
    r.key_bribes_btc = b.bribes_btc;
    r.window_blocks = p.layer2.attack == "halt_emergency" ? shape.emergency_delay_blocks : 0;
    r.duration_s = r.window_blocks * bitcoin_block_s;
    if (b.success) r.time_to_success_s = r.duration_s;
    sim::RngStream faults(in.master_seed, in.stream_run, static_cast<std::uint64_t>(Purpose::faults));
    r.software_fault = sim::random::bernoulli(faults, 1.0 - std::exp(-p.peg.fault_rate_per_year));
    return r;
}

Record merged_mining(const Layer2Params& p, const sim::RunInput& in) {
    Record r;
    const bool rented = p.layer2.attack == "rental_reorg";
    const AttackerHash h{p.attack.hash_share, rented, p.merged.merged_share};
    const auto s = race(h, static_cast<int>(p.merged.confirmations), p.merged.block_interval_s, false,
                        p.attack.give_up_deficit, in);
    charge_hash(r, h, s.sim_time_s);
    count_engine(r, s);
    // Rented SHA-256 hash merge-mines Bitcoin meanwhile and keeps those rewards (expected count;
    // a cartel's hash mined Bitcoin before and after alike, so it earns nothing extra).
    if (rented)
        r.attacker_bitcoin_blocks = bitcoin_blocks_in(h.rel_to_bitcoin_honest(), s.sim_time_s);
    r.success = s.success;
    r.duration_s = s.sim_time_s;
    if (s.success) r.time_to_success_s = s.sim_time_s;
    r.window_blocks = static_cast<double>(p.merged.confirmations);
    return r;
}

Record drivechain(const Layer2Params& p, const sim::RunInput& in) {
    Record r;
    const double a = p.attack.hash_share;
    sim::RngStream votes(in.master_seed, in.stream_run, static_cast<std::uint64_t>(Purpose::votes));
    const HashrateEscrow escrow(p.drivechain);
    VoteResult v;
    if (p.layer2.attack == "theft") {
        v = escrow.vote(a, p.drivechain.honest_mode == "downvote" ? -1 : 0, votes);
        r.success = v.passed;
    } else {  // freeze: the honest majority ACKs a legitimate bundle, the minority downvotes it
        v = escrow.vote(1.0 - a, -1, votes);
        r.success = !v.passed;
        v.attacker_blocks = v.blocks - v.attacker_blocks;
    }
    const AttackerHash h{a, p.attack.rented, 1.0};
    r.duration_s = bitcoin_seconds_for_blocks(h, v.blocks);
    charge_hash(r, h, r.duration_s);
    if (p.attack.rented) r.attacker_bitcoin_blocks = v.attacker_blocks;  // no orphaning: all earn rewards
    if (r.success) r.time_to_success_s = r.duration_s;
    r.window_blocks = static_cast<double>(p.drivechain.window_blocks);
    return r;
}

}  // namespace

std::vector<sim::Column> Layer2Model::outcome_columns(const Params&) {
    using sim::ColumnType;
    std::vector<sim::Column> cols{
        {"attack_success", ColumnType::u8, "1", "1 if the attack reached its goal"},
        {"value_at_risk_btc", ColumnType::f64, "BTC", "value the attack targets"},
        {"value_stolen_btc", ColumnType::f64, "BTC", "value stolen (theft attacks that succeeded)"},
        {"value_frozen_btc", ColumnType::f64, "BTC", "value frozen (freeze attacks that succeeded)"},
        {"attacker_hash_share", ColumnType::f64, "1", "attacker's share of the deciding hash"},
        {"hash_rented", ColumnType::u8, "1", "1 if the attacker's hash is rented (joins the network)"},
        {"attacker_hash_rel_peak", ColumnType::f64, "1", "rented hash / Bitcoin's honest hashrate"},
        {"attacker_hash_rel_seconds", ColumnType::f64, "s", "rented hash / Bitcoin honest hash x seconds"},
        {"owned_hash_rel_seconds", ColumnType::f64, "s", "a cartel's own hash / Bitcoin honest hash x seconds"},
        {"attacker_bitcoin_blocks", ColumnType::f64, "blocks", "Bitcoin main-chain blocks the rented hash earned"},
        {"fees_paid_sat", ColumnType::f64, "sat", "transaction fees the attacker paid"},
        {"miner_bribes_btc", ColumnType::f64, "BTC", "bribes paid to miners"},
        {"key_bribes_btc", ColumnType::f64, "BTC", "bribes paid to keyholders"},
        {"keys_corrupted", ColumnType::i64, "keys", "keyholders corrupted"},
        {"stake_slashed_btc", ColumnType::f64, "BTC", "stake lost to slashing"},
        {"software_fault", ColumnType::u8, "1", "a software fault let a peg-out through this year"},
        {"window_blocks", ColumnType::f64, "blocks", "the design's attack window"},
        {"time_to_success_s", ColumnType::f64, "s", "time until success (NaN if none)"},
        {"attack_duration_s", ColumnType::f64, "s", "how long the attacker spent resources"},
        {"victim_fees_sat", ColumnType::f64, "sat", "fees the victims paid on-chain"},
        {"claim_wait_blocks", ColumnType::f64, "blocks", "blocks the justice or claim transaction waited (NaN: never)"},
        {"channels_attacked", ColumnType::i64, "channels", "channels under attack"},
    };
    // The races a design plays run on the engine (models/bitcoin/race_world.hpp); the rest of a
    // design's attack is sampled without it, and its Bitcoin side carries no transactions.
    const auto stats = run_stats_columns({
        "engine events of the Bitcoin races this run played (0: the attack is sampled without the engine)",
        "mining parties in the run's races (honest miners as one, the attacker; 0: no race)",
        "0: the layer2 model's races carry no transactions (the dispute model does)",
        "0: the layer2 model's races carry no transactions (the dispute model does)",
        "0: the layer2 model's races carry no transactions (the dispute model does)",
        "blocks found in the run's races, orphaned ones included (0: no race)",
    });
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

namespace {

bool applies(const std::string& d, const std::string& a) {
    if (d == "l1_payment") return a == "double_spend";
    if (d == "custody_peg") return a == "bribe_theft" || a == "freeze" || a == "halt_emergency" || a == "pegin_reorg";
    if (d == "merged_mining") return a == "rental_reorg" || a == "cartel_reorg";
    if (d == "bitvm2")
        return a == "committee_collusion" || a == "censor_majority" || a == "censor_feather_fork" || a == "censor_bribery" ||
               a == "censor_congestion" || a == "operator_freeze";
    if (d == "rollup") return a == "da_withholding" || a == "bridge_theft" || a == "malicious_upgrade";
    if (d == "babylon") return a == "double_sign" || a == "escape_slash" || a == "escape_slash_congestion" || a == "long_range";
    if (d == "ark") return a == "mass_exit" || a == "mass_exit_congestion";
    if (d == "statechain") return a == "operator_collusion" || a == "backup_censor";
    return a == "theft" || a == "freeze";
}

}  // namespace

std::optional<std::pair<std::string, std::string>> Layer2Model::check(const Params& p) {
    if (!applies(p.layer2.design, p.layer2.attack))
        return std::pair{"layer2.attack", "attack " + p.layer2.attack + " does not apply to design " + p.layer2.design};
    return design_rule_violation(p);
}

sim::RunOutput Layer2Model::run(const Params& p, const sim::RunInput& in) {
    const std::string& d = p.layer2.design;
    const std::string& a = p.layer2.attack;
    if (auto problem = check(p)) throw std::invalid_argument(problem->second);
    Record r;
    if (d == "l1_payment") r = l1_payment(p, in);
    else if (d == "custody_peg") r = custody_peg(p, in);
    else if (d == "merged_mining") r = merged_mining(p, in);
    else if (d == "bitvm2") return {bitvm2_attack(p, in).row(), {}};
    else if (d == "rollup") return {rollup_attack(p, in).row(), {}};
    else if (d == "babylon") return {staking_attack(p, in).row(), {}};
    else if (d == "ark") return {ark_attack(p, in).row(), {}};
    else if (d == "statechain") return {statechain_attack(p, in).row(), {}};
    else r = drivechain(p, in);
    r.value_at_risk_btc = p.layer2.value_at_risk_btc;
    (a == "freeze" ? r.value_frozen_btc : r.value_stolen_btc) = r.success ? p.layer2.value_at_risk_btc : 0.0;
    return {r.row(), {}};
}

std::vector<std::pair<std::string, double>> Layer2Model::exact(const Params& p) {
    namespace cf = closed_forms;
    const std::string& d = p.layer2.design;
    const std::string& a = p.layer2.attack;
    const double q = p.attack.hash_share;
    if (d == "custody_peg" && a != "pegin_reorg")
        return {{"success_probability", cf::peg_bribery_success(p.peg, a, p.attack.bribe_per_signer_btc)}};
    // Races: the Markov chain includes the give-up deficit; past 400 confirmations it is too large,
    // and the closed form (an attacker who never gives up) is reported instead.
    // The expected duration (Markov chain of double_spend_duration.hpp) is the mean race length
    // before any retarget: blocks x the mean interval, 1 - q shorter when rented hash joins.
    using Values = std::vector<std::pair<std::string, double>>;
    const auto race_exact = [&](int z, double interval_s, bool rented) -> Values {
        const double never = attacks::closed_forms::double_spend_overtake(q, z);
        if (z > 400) return {{"success_probability_never_give_up", never}};
        const int deficit = static_cast<int>(p.attack.give_up_deficit);
        const double mean_interval_s = interval_s * (rented ? 1.0 - q : 1.0);
        return {{"success_probability", attacks::double_spend_markov(q, z, deficit, true)},
                {"success_probability_never_give_up", never},
                {"expected_duration_s",
                 attacks::double_spend_expected_blocks(q, z, deficit, true) * mean_interval_s}};
    };
    if (d == "custody_peg") return race_exact(shape_of(p.peg).pegin_confirmations, bitcoin_block_s, true);
    if (d == "l1_payment") return race_exact(static_cast<int>(p.l1.confirmations), bitcoin_block_s, true);
    if (d == "merged_mining") {
        const auto z = static_cast<int>(p.merged.confirmations);
        return race_exact(z, p.merged.block_interval_s, a == "rental_reorg");
    }
    if (d == "bitvm2" || d == "rollup" || d == "babylon" || d == "ark" || d == "statechain") return timelock_forms::exact(p);
    const auto req = static_cast<int>(p.drivechain.ack_required), win = static_cast<int>(p.drivechain.window_blocks);
    if (a == "theft") return {{"success_probability", cf::drivechain_theft(q, req, win, p.drivechain.honest_mode == "downvote")}};
    return {{"success_probability", cf::drivechain_freeze(q, req, win)}};
}

}  // namespace models::layer2
