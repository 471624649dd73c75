// Published closed forms the Bitcoin model is validated against (shared/reference/closed-forms.md),
// and the ones derived here (feather-forking). Pure functions; no simulation state.
#pragma once

#include <vector>

namespace models::attacks::closed_forms {

/// P(q, z), "catch up" event: Rosenfeld 2014; Grunspan and Pérez-Marco 2017 (= I_{4pq}(z, 1/2)).
double double_spend_catch_up(double q, int z);
/// As above with a strictly longer branch required: (q/p)^(z-m+1), m = 0..z.
double double_spend_overtake(double q, int z);
/// Nakamoto 2008 §11: Poisson(z q/p) attacker progress; under-states the risk.
double nakamoto_approximation(double q, int z);
/// 2 Pr[Binomial(2z-1, q) >= z], the Grunspan–Pérez-Marco identity (for a cross-check).
double double_spend_binomial_identity(double q, int z);
/// Eyal and Sirer 2014, eq. (8): relative revenue of SM1.
double selfish_revenue(double alpha, double gamma);
/// (1 - gamma) / (3 - 2 gamma).
double selfish_threshold(double gamma);
/// Probability the attacker wins one feather-fork race against a block with the tx when it gives
/// up at `depth` confirmations: sum_{j=1..depth} Cat(j) a^(j+1) (1-a)^(j-1) (derived in the README).
double feather_fork_win(double alpha, int depth);
/// P(the censored tx is not in the first k main-chain blocks); alpha^k when depth = 0.
double censored_unconfirmed(double alpha, int depth, int k);
/// The same for k = 0..k_max at once.
std::vector<double> censored_unconfirmed_curve(double alpha, int depth, int k_max);
/// The private-race censor (models/attacks/private_race_censorship.hpp) over a window of k blocks
/// with no give-up. Derivation: let J be the honest blocks found when the censor finds its k-th
/// block, J ~ NegBin: P(J = j) = C(k-1+j, j) a^k (1-a)^j. If j < k the censor's k blocks are
/// strictly longer at once. If j >= k it trails by j - k and must gain j - k + 1 net blocks, which
/// a walk with up-probability a < 1/2 ever does with probability (a/(1-a))^(j-k+1) (gambler's ruin
/// against an unbounded opponent); every later state has a >= k. So
///   P = sum_{j<k} C(k-1+j,j) a^k b^j + sum_{j>=k} C(k-1+j,j) a^k b^j (a/b)^(j-k+1),  b = 1 - a,
/// and 1 for a >= 1/2. A give-up at deficit D removes only paths that would later regain D + 1
/// blocks, so it lowers P by at most (a/b)^(D+1).
double censor_private_race(double alpha, int k);
/// The first sum alone: Pr[Binomial(2k-1, a) >= k], the censor's k blocks before the honest k-th
/// (a fixed-window race that never tries to overtake afterwards).
double censor_private_race_fixed_window(double alpha, int k);
/// Stale-rate prediction 1 - mean(exp(-tau_i / T)) from per-block hash-weighted delays tau_i.
double stale_rate_from_delays(const std::vector<double>& tau_s, double block_interval_s);

}  // namespace models::attacks::closed_forms
