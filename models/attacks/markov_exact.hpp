// Exact values from finite Markov chains, solved with Eigen, beside the Monte Carlo estimates:
// the double-spend race with a give-up deficit (no closed form), and Eyal–Sirer's SM1 chain.
#pragma once

#include <functional>

namespace models::attacks {

/// Success probability of the double-spend race with the attacker giving up `deficit` blocks
/// behind; states (merchant confirmations capped at z, honest minus attacker blocks).
double double_spend_markov(double q, int z, int deficit, bool overtake);
/// The value x(0, 0) of the double-spend race's absorbing chain where every block found adds
/// `per_block`, reaching certain success at k honest blocks is worth `on_success(k)` and giving
/// up is worth 0: (per_block 0, on_success 1) is the success probability, (1, blocks still to
/// come) the expected duration in blocks.
double double_spend_chain_value(double q, int z, int deficit, bool overtake, double per_block,
                                const std::function<double(int)>& on_success);
/// SM1 relative revenue from the stationary distribution of states 0, 0', 1..max_lead.
double selfish_markov_revenue(double alpha, double gamma, int max_lead);

}  // namespace models::attacks
