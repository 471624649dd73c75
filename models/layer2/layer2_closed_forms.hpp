// Closed forms the Layer2 designs are validated against (derivations in the README, "Layer2
// designs"): Poisson-binomial tails for k-of-n corruption with heterogeneous costs, the drivechain
// ACK walk, and (for races) the overtake double-spend formula of the Bitcoin model.
#pragma once

#include <vector>

#include "models/layer2/layer2_params.hpp"

namespace models::layer2::closed_forms {

/// P(sum of independent Bernoulli(p_i) >= k).
double poisson_binomial_tail(const std::vector<double>& p, int k);
/// Probability that keyholder i of n accepts a posted offer (online and cost <= offer).
double accept_probability(const PegParams& p, int i, int n, double offer_btc);
/// Success probability of the peg attack `attack` at a posted offer, from the tails above.
double peg_bribery_success(const PegParams& p, const std::string& attack, double offer_btc);
/// Drivechain: P(the ACK count reaches `required` within `window` blocks) when the attacker's
/// blocks add one and honest blocks add 0 (abstain: a binomial tail) or subtract one with a floor
/// at zero (downvote: solved by dynamic programming over the count).
double drivechain_theft(double alpha, int required, int window, bool downvote);
/// Timelocked bribery (Nadahalli, Khabbazian and Wattenhofer 2021): miner i withholds the victim's
/// transaction iff lambda_i * bribe > fee (it expects lambda_i of the bribe, paid after the window,
/// against the fee now). P(success) = (sum of the accepting shares)^window; all accept iff
/// bribe > fee / lambda_min.
double timelocked_bribery_success(const std::vector<double>& shares, double bribe_btc, double fee_btc,
                                  int window_blocks);
/// Freeze of an honest bundle: honest blocks (1 - beta) upvote, the minority beta downvotes.
double drivechain_freeze(double beta, int required, int window);

}  // namespace models::layer2::closed_forms
