// The double-spend race with an optimal give-up rule. The attacker's state is (a, h): its private
// blocks and the honest blocks since the fork (the payment is in the first honest block; success
// as in double_spend.hpp once h >= z and the branch is as long, or longer under `overtake`). At
// every state it either continues or abandons, maximising the expected payoff in satoshis:
//   success:  V + R a [rented]  - c tau (a + h)
//   abandon:  - R a [own hash]  - c tau (a + h)
// with V the value double-spent (attacker.double_spend_value_sat), R the reward of a block
// (attacker.block_reward_sat: on success the branch's blocks pay; with its own hash the
// attacker's counterfactual is honest mining, which would have paid R for every block it found,
// so an abandoned branch forgoes R a), c the rent of the attacker's hash per second
// (attacker.hash_rent_sat_per_s) and tau the mean time between blocks of the race
// (chain.block_interval_s (1 - q) with rented hash, which adds to the network, else
// block_interval_s). The optimum is found by backward induction on the DAG of (a, h) (every block
// raises a or h), truncated at a + h = max_blocks where the attacker must stop; its exact value is
// then recomputed as an absorbing Markov chain with Eigen.
#pragma once

#include <cstdint>
#include <vector>

namespace models::attacks {

struct DoubleSpendEconomics {
    double q;                   ///< attacker's share of the hash in the race
    int z;                      ///< merchant confirmations
    bool overtake;              ///< success needs a strictly longer branch
    bool rented;                ///< rented hash (branch blocks pay on success) or own (forgone rewards)
    double value_sat;           ///< V
    double block_reward_sat;    ///< R
    double rent_sat_per_s;      ///< c
    double block_event_s;       ///< tau: mean time between blocks in the race
};

class GiveUpPolicy {
public:
    GiveUpPolicy(const DoubleSpendEconomics& e, int max_blocks);
    /// True if the attacker keeps mining at (a, h) (not a success state).
    bool keep_going(int a, int h) const;
    bool success_state(int a, int h) const;
    /// Expected payoff of playing optimally from (0, 0), by backward induction (sat).
    double optimal_payoff_sat() const { return payoff_start_; }
    const DoubleSpendEconomics& economics() const { return e_; }
    int max_blocks() const { return max_; }

private:
    std::size_t index(int a, int h) const { return static_cast<std::size_t>(a) * (max_ + 1) + h; }
    DoubleSpendEconomics e_;
    int max_;
    std::vector<std::uint8_t> keep_going_;
    double payoff_start_ = 0.0;
};

struct GiveUpPolicyValue {
    double success_probability;
    double expected_payoff_sat;
    double expected_blocks;  ///< blocks found (both sides) until success or abandon
};

/// Exact value of the policy: the absorbing Markov chain on its continuing states, (I - Q) x = r
/// solved with Eigen SparseLU.
GiveUpPolicyValue give_up_policy_value(const GiveUpPolicy& policy);

/// Truncation used by the strategy and `l2sim exact`.
inline constexpr int double_spend_max_blocks = 300;

}  // namespace models::attacks
