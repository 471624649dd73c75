// Strategy dispatch: each attacker strategy is its own class (models/attacks/), selected here by
// `attacker.strategy`; the race loop is instantiated once per class, so there is no per-block
// virtual call.
#include "models/bitcoin/bitcoin_model.hpp"

#include <stdexcept>

#include "models/attacks/censorship.hpp"
#include "models/attacks/closed_forms.hpp"
#include "models/attacks/double_spend.hpp"
#include "models/attacks/majority_reorg.hpp"
#include "models/attacks/markov_exact.hpp"
#include "models/attacks/optimal_double_spend.hpp"
#include "models/attacks/optimal_selfish_mdp.hpp"
#include "models/attacks/optimal_selfish_mining.hpp"
#include "models/attacks/private_race_censorship.hpp"
#include "models/attacks/selfish_mining.hpp"
#include "models/attacks/strongest_censor.hpp"
#include "models/bitcoin/attacker_node.hpp"
#include "models/bitcoin/network_model.hpp"
#include "models/bitcoin/race_world.hpp"

namespace models::bitcoin {

std::vector<sim::Column> BitcoinModel::outcome_columns(const Params& p) {
    auto cols = race_columns();
    if (p.network.enabled) {
        const auto net = network_columns();
        cols.insert(cols.end(), net.begin(), net.end());
        if (plays_on_network(p.attacker.strategy)) {
            const auto att = network_attacker_columns();
            cols.insert(cols.end(), att.begin(), att.end());
        }
    }
    return cols;
}

sim::RunOutput BitcoinModel::run(const Params& p, const sim::RunInput& in) {
    const std::string& s = p.attacker.strategy;
    if (p.network.enabled) {
        if (s != "honest" && !plays_on_network(s))
            throw std::invalid_argument("network runs support attacker.strategy = honest, selfish, optimal_selfish");
        return run_network(p, in);
    }
    if (s == "honest") return run_race<attacks::HonestMining>(p, in);
    if (s == "double_spend") return run_race<attacks::DoubleSpend>(p, in);
    if (s == "double_spend_optimal") return run_race<attacks::OptimalDoubleSpend>(p, in);
    if (s == "selfish") return run_race<attacks::SelfishMining>(p, in);
    if (s == "optimal_selfish") return run_race<attacks::OptimalSelfishMining>(p, in);
    if (s == "censor") return run_race<attacks::Censorship>(p, in);
    if (s == "censor_private_race") return run_race<attacks::PrivateRaceCensorship>(p, in);
    if (s == "censor_best") {
        const auto choice = attacks::strongest_censor(p.attacker.hash_share, static_cast<int>(p.attacker.feather_fork_depth),
                                                      static_cast<int>(p.attacker.censor_window_blocks));
        if (choice.strategy == attacks::CensorStrategy::private_race)
            return run_race<attacks::PrivateRaceCensorship>(p, in);
        return run_race<attacks::Censorship>(p, in);
    }
    if (s == "majority_reorg") return run_race<attacks::MajorityReorg>(p, in);
    throw std::invalid_argument("unknown attacker.strategy " + s);
}

namespace {

/// The region table the scenario gave (an empty one is the preset's), so a mismatch is reported
/// at the line the user wrote.
std::string region_table_set(const NetworkParams& n) {
    if (!n.region_share.empty()) return "network.region_share";
    if (!n.region_upload_bps.empty()) return "network.region_upload_bps";
    if (!n.region_download_bps.empty()) return "network.region_download_bps";
    return "network.region_latency_ms";
}

}  // namespace

std::optional<std::pair<std::string, std::string>> BitcoinModel::check(const Params& p) {
    const bool plays = plays_on_network(p.attacker.strategy);
    if (p.network.enabled && p.attacker.strategy != "honest" && !plays)
        return std::pair{"attacker.strategy", "network runs support the honest, selfish and optimal_selfish strategies"};
    if (p.network.enabled && plays && !(p.attacker.hash_share > 0.0))
        return std::pair{"attacker.hash_share", "a selfish attacker on the network needs hash_share > 0 (its node mines)"};
    if (p.attacker.strategy == "optimal_selfish" && !(p.attacker.hash_share > 0.0 && p.attacker.hash_share < 0.5))
        return std::pair{"attacker.hash_share", "optimal_selfish needs 0 < hash_share < 0.5 (its MDP assumes a minority)"};
    // A table left empty takes the preset's six regions; all must agree.
    const auto& n = p.network;
    const auto size = [](std::size_t given) { return given == 0 ? std::size_t{6} : given; };
    const std::size_t r = size(n.region_share.size());
    bool square = true;
    for (const auto& row : n.region_latency_ms) square = square && row.size() == r;
    if (size(n.region_latency_ms.size()) != r || !square || size(n.region_upload_bps.size()) != r ||
        size(n.region_download_bps.size()) != r)
        return std::pair{region_table_set(n),
                         "region tables must all have the same number of regions (a preset table has 6)"};
    return std::nullopt;
}

std::vector<std::pair<std::string, double>> BitcoinModel::exact(const Params& p) {
    namespace cf = attacks::closed_forms;
    const double q = p.attacker.hash_share, g = p.attacker.gamma;
    const auto z = static_cast<int>(p.merchant.confirmations);
    const std::string& s = p.attacker.strategy;
    if (s == "double_spend") {
        const bool overtake = p.attacker.success_rule == "overtake";
        return {{"success_probability_closed_form", overtake ? cf::double_spend_overtake(q, z) : cf::double_spend_catch_up(q, z)},
                {"success_probability_markov_chain",
                 attacks::double_spend_markov(q, z, static_cast<int>(p.attacker.give_up_deficit), overtake)},
                {"nakamoto_2008_approximation", cf::nakamoto_approximation(q, z)}};
    }
    if (s == "double_spend_optimal") {
        const attacks::GiveUpPolicy policy(attacks::double_spend_economics(p), attacks::double_spend_max_blocks);
        const auto v = attacks::give_up_policy_value(policy);
        return {{"success_probability_markov_chain", v.success_probability},
                {"expected_payoff_sat_markov_chain", v.expected_payoff_sat},
                {"expected_payoff_sat_backward_induction", policy.optimal_payoff_sat()},
                {"expected_blocks_markov_chain", v.expected_blocks},
                {"attack_started", policy.keep_going(0, 0) ? 1.0 : 0.0}};
    }
    if (s == "selfish")
        return {{"revenue_share_eyal_sirer", cf::selfish_revenue(q, g)},
                {"revenue_share_markov_chain", attacks::selfish_markov_revenue(q, g, 200)},
                {"profitability_threshold", cf::selfish_threshold(g)}};
    if (s == "optimal_selfish") {
        // Sapirshtein et al. (2016): the optimal share at (alpha, gamma) and the lowest alpha at
        // which any policy beats honest mining at this gamma, beside SM1's for comparison.
        const int t = attacks::selfish_mdp_max_fork_blocks;
        return {{"optimal_revenue_share_mdp", attacks::optimal_selfish_policy(q, g, t).revenue_share()},
                {"sm1_revenue_share_eyal_sirer", cf::selfish_revenue(q, g)},
                {"optimal_profitability_threshold_mdp", attacks::optimal_selfish_threshold(g, t, 1e-4)},
                {"sm1_profitability_threshold", cf::selfish_threshold(g)},
                // Eyal and Sirer's countermeasure (uniform tie-breaking, gamma = 1/2 by
                // construction): designed to raise SM1's threshold to 1/4, it leaves 0.2321.
                {"optimal_profitability_threshold_uniform_ties_mdp",
                 attacks::optimal_selfish_threshold(0.5, t, 1e-4, attacks::TieBreaking::uniform)},
                {"lead_truncation_blocks", t}};
    }
    if (s == "censor") {
        const auto k = static_cast<int>(p.attacker.censor_window_blocks);
        const auto d = static_cast<int>(p.attacker.feather_fork_depth);
        return {{"p_unconfirmed_after_window", cf::censored_unconfirmed(q, d, k)},
                {"feather_fork_race_win", cf::feather_fork_win(q, d)}};
    }
    if (s == "censor_private_race" || s == "censor_best") {
        const auto k = static_cast<int>(p.attacker.censor_window_blocks);
        const auto c = attacks::strongest_censor(q, static_cast<int>(p.attacker.feather_fork_depth), k);
        const bool race = s == "censor_private_race" || c.strategy == attacks::CensorStrategy::private_race;
        return {{"success_probability_closed_form", race ? c.private_race_success : c.feather_fork_success},
                {"private_race_success", c.private_race_success},
                {"private_race_fixed_window_binomial", cf::censor_private_race_fixed_window(q, k)},
                {"feather_fork_success", c.feather_fork_success},
                {"best_is_private_race", c.strategy == attacks::CensorStrategy::private_race ? 1.0 : 0.0}};
    }
    return {};
}

}  // namespace models::bitcoin
