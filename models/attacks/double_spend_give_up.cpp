// See double_spend_give_up.hpp.
#include "models/attacks/double_spend_give_up.hpp"

#include <Eigen/Sparse>

#include <algorithm>
#include <stdexcept>

namespace models::attacks {

namespace {

double abandon_payoff(const DoubleSpendEconomics& e, int a, int h) {
    return -(e.rented ? 0.0 : e.block_reward_sat * a) - e.rent_sat_per_s * e.block_event_s * (a + h);
}

double success_payoff(const DoubleSpendEconomics& e, int a, int h) {
    return e.value_sat + (e.rented ? e.block_reward_sat * a : 0.0) - e.rent_sat_per_s * e.block_event_s * (a + h);
}

}  // namespace

GiveUpPolicy::GiveUpPolicy(const DoubleSpendEconomics& e, int max_blocks)
    : e_(e), max_(max_blocks), keep_going_(static_cast<std::size_t>(max_blocks + 1) * (max_blocks + 1), 0) {
    std::vector<double> u(keep_going_.size(), 0.0);
    // Backward induction over n = a + h, from the truncation (forced stop) down to the start.
    for (int n = max_; n >= 0; --n)
        for (int a = 0; a <= n; ++a) {
            const int h = n - a;
            const std::size_t i = index(a, h);
            if (success_state(a, h)) {
                u[i] = success_payoff(e_, a, h);
                continue;
            }
            const double stop = abandon_payoff(e_, a, h);
            if (n == max_) {
                u[i] = stop;
                continue;
            }
            const double go = e_.q * u[index(a + 1, h)] + (1.0 - e_.q) * u[index(a, h + 1)];
            keep_going_[i] = go > stop;
            u[i] = std::max(go, stop);
        }
    payoff_start_ = u[index(0, 0)];
}

bool GiveUpPolicy::success_state(int a, int h) const {
    return h >= e_.z && (e_.overtake ? a > h : a >= h);
}

bool GiveUpPolicy::keep_going(int a, int h) const {
    if (a < 0 || h < 0 || a + h > max_) return false;
    return keep_going_[index(a, h)] != 0;
}

GiveUpPolicyValue give_up_policy_value(const GiveUpPolicy& p) {
    const auto& e = p.economics();
    const int m = p.max_blocks();
    // Transient states: those where the policy keeps going; number them.
    std::vector<int> id(static_cast<std::size_t>(m + 1) * (m + 1), -1);
    std::vector<std::pair<int, int>> states;
    for (int a = 0; a <= m; ++a)
        for (int h = 0; a + h <= m; ++h)
            if (!p.success_state(a, h) && p.keep_going(a, h)) {
                id[static_cast<std::size_t>(a) * (m + 1) + h] = static_cast<int>(states.size());
                states.emplace_back(a, h);
            }
    const int n = static_cast<int>(states.size());
    if (n == 0) return {0.0, 0.0, 0.0};  // the attacker does not start
    std::vector<Eigen::Triplet<double>> t;
    Eigen::MatrixXd rhs = Eigen::MatrixXd::Zero(n, 3);  // success, payoff, blocks
    for (int i = 0; i < n; ++i) {
        const auto [a, h] = states[i];
        t.emplace_back(i, i, 1.0);
        rhs(i, 2) = 1.0;  // each step is one block
        for (auto [na, nh, pr] : {std::tuple{a + 1, h, e.q}, std::tuple{a, h + 1, 1.0 - e.q}}) {
            const int j = id[static_cast<std::size_t>(na) * (m + 1) + nh];
            if (j >= 0) {
                t.emplace_back(i, j, -pr);
            } else if (p.success_state(na, nh)) {
                rhs(i, 0) += pr;
                rhs(i, 1) += pr * (e.value_sat + (e.rented ? e.block_reward_sat * na : 0.0) -
                                   e.rent_sat_per_s * e.block_event_s * (na + nh));
            } else {
                rhs(i, 1) += pr * (-(e.rented ? 0.0 : e.block_reward_sat * na) -
                                   e.rent_sat_per_s * e.block_event_s * (na + nh));
            }
        }
    }
    Eigen::SparseMatrix<double> a(n, n);
    a.setFromTriplets(t.begin(), t.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    if (lu.info() != Eigen::Success) throw std::runtime_error("double-spend give-up chain: singular");
    const Eigen::MatrixXd x = lu.solve(rhs);
    const int start = id[0];
    if (start < 0) return {0.0, 0.0, 0.0};
    return {x(start, 0), x(start, 1), x(start, 2)};
}

}  // namespace models::attacks
