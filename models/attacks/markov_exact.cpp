// See markov_exact.hpp. The double-spend chain is absorbing (solve (I - Q) x = r with SparseLU);
// the SM1 chain is ergodic (stationary distribution from the null space of P^T - I).
#include "models/attacks/markov_exact.hpp"

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <algorithm>
#include <vector>

namespace models::attacks {

double double_spend_chain_value(double q, int z, int deficit, bool overtake, double per_block,
                                const std::function<double(int)>& on_success) {
    const double p = 1.0 - q;
    const int o = overtake ? 1 : 0;
    const int d_min = -(z + o);  // below any state's success line
    const int width = deficit - d_min;
    const auto index = [&](int k, int d) { return k * width + (d - d_min); };
    // Success is certain once the attacker's lead covers the confirmations still to come.
    const auto success = [&](int k, int d) { return d <= -(z - k) - o; };
    const int n = (z + 1) * width;
    std::vector<Eigen::Triplet<double>> triplets;
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    for (int k = 0; k <= z; ++k)
        for (int d = d_min; d < deficit; ++d) {
            const int i = index(k, d);
            triplets.emplace_back(i, i, 1.0);
            if (success(k, d)) {
                rhs[i] = on_success(k);
                continue;
            }
            rhs[i] = per_block;
            const int k_next = std::min(k + 1, z);
            if (d + 1 < deficit) {  // honest block; at the deficit the attacker gives up (value 0)
                if (success(k_next, d + 1)) rhs[i] += p * on_success(k_next);
                else triplets.emplace_back(i, index(k_next, d + 1), -p);
            }
            if (success(k, d - 1)) rhs[i] += q * on_success(k);  // attacker block
            else triplets.emplace_back(i, index(k, d - 1), -q);
        }
    Eigen::SparseMatrix<double> a(n, n);
    a.setFromTriplets(triplets.begin(), triplets.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    const Eigen::VectorXd x = lu.solve(rhs);
    return x[index(0, 0)];
}

double double_spend_markov(double q, int z, int deficit, bool overtake) {
    return double_spend_chain_value(q, z, deficit, overtake, 0.0, [](int) { return 1.0; });
}

double selfish_markov_revenue(double a, double g, int max_lead) {
    // State 0 = no lead, 1 = tie (0'), 1 + n = lead n (n = 1..max_lead).
    const int n = max_lead + 2;
    Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, n);
    const auto lead = [](int l) { return l + 1; };
    P(0, lead(1)) = a;
    P(0, 0) = 1 - a;
    P(1, 0) = 1.0;
    P(lead(1), lead(2)) = a;
    P(lead(1), 1) = 1 - a;
    for (int l = 2; l <= max_lead; ++l) {
        P(lead(l), l == max_lead ? lead(l) : lead(l + 1)) += a;
        P(lead(l), l == 2 ? 0 : lead(l - 1)) += 1 - a;
    }
    // Stationary pi: (P^T - I) pi = 0 with sum(pi) = 1 (replace one equation).
    Eigen::MatrixXd A = P.transpose() - Eigen::MatrixXd::Identity(n, n);
    A.row(n - 1).setOnes();
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    b[n - 1] = 1.0;
    const Eigen::VectorXd pi = A.fullPivLu().solve(b);
    double attacker = pi[1] * (2 * a + (1 - a) * g) + pi[lead(2)] * (1 - a) * 2;
    for (int l = 3; l <= max_lead; ++l) attacker += pi[lead(l)] * (1 - a);
    const double honest = pi[0] * (1 - a) + pi[1] * (1 - a) * (g + 2 * (1 - g));
    return attacker / (attacker + honest);
}

}  // namespace models::attacks
