// Optimal selfish mining: the Markov decision process of Sapirshtein, Sompolinsky and Zohar,
// "Optimal Selfish Mining Strategies in Bitcoin" (FC 2016, §3-4). A state is (a, h, fork): the
// attacker's and the honest network's block counts since the last common block, and whether the
// last block was the attacker's (irrelevant), the honest network's (relevant: a tie can be
// matched), or a tie is being raced (active). Actions are adopt, override, match and wait.
//
// The objective is the attacker's long-run share of main-chain blocks, a ratio of two average
// rewards. It is solved by the standard reduction: for a trial share rho, the shifted reward
// (1 - rho) r_attacker - rho r_honest has a maximal average reward g(rho) that decreases in rho
// and is zero exactly at the optimal share. We find that zero by Dinkelbach's update
// (rho <- exact share of the policy optimal for rho), which is the bisection on rho with the
// bracket replaced by the policy's own value: it moves rho monotonically up and stops when the
// policy repeats. Each g(rho) is found by relative value iteration; each policy's share is
// computed exactly from its stationary distribution (Eigen SparseLU), so the value reported is
// the exact value of the policy the simulator plays.
#pragma once

#include <cstdint>
#include <vector>

namespace models::attacks {

enum class SelfishAction : std::uint8_t { adopt, override_chain, match, wait };
enum class ForkState : std::uint8_t { irrelevant, relevant, active };

/// How honest nodes choose between equal-length chains. first_seen is Bitcoin Core's rule: a tie
/// can only be raced (match) right after the honest block arrives, and gamma is the share of honest
/// hash that sees the attacker's block first. uniform is Eyal and Sirer's proposed countermeasure
/// (2014, §6): every node picks one of the tied chains at random whatever the arrival order, so
/// gamma is 1/2 and the attacker may match in any state with a >= h (Sapirshtein et al. 2016, §5,
/// show the countermeasure's threshold is 0.2321, not the 1/4 it was designed for).
enum class TieBreaking : std::uint8_t { first_seen, uniform };

/// Fork truncation used by `l2sim exact` and the optimal_selfish strategy: a and h are capped at
/// 75 as in the paper (wait and match are not offered where they would pass it). At alpha = 1/3
/// the share moves by 1.3e-6 from 50 to 75 (test "the value is stable as the truncation
/// grows"); at alpha >= 0.4 long forks matter more and the truncated optimum is a lower bound
/// (measured in the closing notes). The simulator plays the same truncated policy, so its
/// validation is exact whatever the truncation.
inline constexpr int selfish_mdp_max_fork_blocks = 75;

/// A stationary policy on the truncated state space (a, h <= max_fork_blocks).
class SelfishPolicy {
public:
    SelfishPolicy(int max_fork_blocks, std::vector<SelfishAction> actions, double revenue_share);
    SelfishAction at(int a, int h, ForkState f) const;
    int max_fork_blocks() const { return max_; }
    /// Exact long-run share of main-chain blocks that the attacker mines under this policy.
    double revenue_share() const { return revenue_; }

private:
    int max_;
    std::vector<SelfishAction> actions_;
    double revenue_;
};

/// The revenue-maximising policy at hash share alpha and tie parameter gamma.
/// Under TieBreaking::uniform gamma must be 1/2 (the rule fixes it).
SelfishPolicy optimal_selfish_policy(double alpha, double gamma, int max_fork_blocks,
                                     TieBreaking ties = TieBreaking::first_seen);
/// The same, solved once per (alpha, gamma, truncation) and shared: the solve is a pure function
/// of its arguments, so memoising it changes no result (see the .cpp for why it exists).
const SelfishPolicy& cached_optimal_selfish_policy(double alpha, double gamma, int max_fork_blocks);
/// Exact share of a given policy (stationary distribution of the chain it induces).
double selfish_policy_revenue(const SelfishPolicy& policy, double alpha, double gamma);
/// SM1 of Eyal and Sirer written as a policy of this MDP (cross-check of the MDP's dynamics).
SelfishPolicy sm1_policy(int max_fork_blocks);
/// Lowest alpha at which the optimal share exceeds alpha (bisection to `tolerance`).
double optimal_selfish_threshold(double gamma, int max_fork_blocks, double tolerance = 1e-5,
                                 TieBreaking ties = TieBreaking::first_seen);

}  // namespace models::attacks
