// See design_rules.hpp. Each design's rules in one function; the thresholds are k-of-n multisig
// (BIP 11 / Script: k <= n) as in shared/reference/layer2-designs.md §12.
#include "models/layer2/design_rules.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numeric>

namespace models::layer2 {

namespace {

using Problem = std::optional<std::pair<std::string, std::string>>;

/// k-of-n: more signatures than keys can never be produced.
Problem threshold_rule(const std::string& key, std::int64_t k, std::int64_t n, const std::string& keys_name) {
    if (k <= n) return std::nullopt;
    return std::pair{key, fmt::format("threshold {} exceeds the {} {}", k, n, keys_name)};
}

/// The custom keys are checked whatever the preset, so a later switch to "custom" cannot expose them.
Problem custody_peg_rules(const PegParams& p) {
    if (auto e = threshold_rule("peg.threshold", p.threshold, p.signers, "signers (peg.signers)")) return e;
    return threshold_rule("peg.emergency_threshold", p.emergency_threshold, p.emergency_keys,
                          "emergency keys (peg.emergency_keys)");
}

/// Template-controlling miners' shares partition the hash rate: a bribe must reach miners holding
/// all of it (BitVM2 bribes them).
Problem miner_rules(const MinerParams& p) {
    const auto& shares = p.template_shares;
    const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
    if (shares.empty()) return std::pair{"miners.template_shares", std::string("needs at least one miner")};
    // 1e-9 per entry: rounding of shares written with a few decimals, never a missing miner.
    if (std::abs(sum - 1.0) > 1e-9 * static_cast<double>(shares.size()))
        return std::pair{"miners.template_shares", fmt::format("miner shares sum to {}, not 1", sum)};
    return std::nullopt;
}

Problem rollup_rules(const RollupParams& p) {
    if (auto e = threshold_rule("rollup.da_threshold", p.da_threshold, p.da_committee, "DA committee members"))
        return e;
    return threshold_rule("rollup.upgrade_threshold", p.upgrade_threshold, p.upgrade_keys, "upgrade keys");
}

}  // namespace

std::optional<std::pair<std::string, std::string>> design_rule_violation(const Layer2Params& p) {
    const std::string& d = p.layer2.design;
    if (d == "custody_peg") return custody_peg_rules(p.peg);
    if (d == "drivechain" && p.drivechain.ack_required > p.drivechain.window_blocks)
        return std::pair{"drivechain.ack_required", std::string("more ACKs required than blocks in the window")};
    if (d == "bitvm2") return miner_rules(p.miners);
    if (d == "rollup") return rollup_rules(p.rollup);
    if (d == "babylon")
        return threshold_rule("staking.covenant_threshold", p.staking.covenant_threshold, p.staking.covenant_keys,
                              "covenant keys (staking.covenant_keys)");
    if (d == "statechain")
        return threshold_rule("statechain.operator_threshold", p.statechain.operator_threshold,
                              p.statechain.operators, "operators");
    if (d == "ark" && p.ark.exit_delay_blocks >= p.ark.vtxo_lifetime_blocks)
        return std::pair{"ark.exit_delay_blocks", std::string("the exit delay must be shorter than the VTXO lifetime")};
    return std::nullopt;
}

}  // namespace models::layer2
