// Exact values from finite Markov chains, solved with Eigen, beside the Monte Carlo estimates:
// the double-spend race with a give-up deficit (no closed form), and Eyal–Sirer's SM1 chain.
#pragma once

namespace models::attacks {

/// Success probability of the double-spend race with the attacker giving up `deficit` blocks
/// behind; states (merchant confirmations capped at z, honest minus attacker blocks).
double double_spend_markov(double q, int z, int deficit, bool overtake);
/// SM1 relative revenue from the stationary distribution of states 0, 0', 1..max_lead.
double selfish_markov_revenue(double alpha, double gamma, int max_lead);

}  // namespace models::attacks
