// See double_spend_duration.hpp. N(s) = 1 + p N(honest step) + q N(attacker step), solved as
// (I - Q) N = r with SparseLU, where r collects the 1 and the known values of absorbing states.
#include "models/attacks/double_spend_duration.hpp"

#include <Eigen/Sparse>
#include <algorithm>
#include <vector>

namespace models::attacks {

double double_spend_expected_blocks(double q, int z, int deficit, bool overtake) {
    const double p = 1.0 - q;
    const int o = overtake ? 1 : 0;
    const int d_min = -(z + o);
    const int width = deficit - d_min;
    const auto index = [&](int k, int d) { return k * width + (d - d_min); };
    // Success is certain once the lead covers the confirmations to come; it happens when the
    // honest side has mined them: (z - k) honest blocks, (z - k) / p blocks in all (negative
    // binomial).
    const auto success = [&](int k, int d) { return d <= -(z - k) - o; };
    const auto remaining = [&](int k) { return (z - k) / p; };
    const int n = (z + 1) * width;
    std::vector<Eigen::Triplet<double>> triplets;
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    for (int k = 0; k <= z; ++k)
        for (int d = d_min; d < deficit; ++d) {
            const int i = index(k, d);
            triplets.emplace_back(i, i, 1.0);
            if (success(k, d)) {
                rhs[i] = remaining(k);
                continue;
            }
            rhs[i] = 1.0;  // the next block
            const int k_next = std::min(k + 1, z);
            if (d + 1 < deficit) {  // honest block; reaching the deficit ends the race (0 more)
                if (success(k_next, d + 1))
                    rhs[i] += p * remaining(k_next);
                else
                    triplets.emplace_back(i, index(k_next, d + 1), -p);
            }
            if (success(k, d - 1))
                rhs[i] += q * remaining(k);  // attacker block
            else
                triplets.emplace_back(i, index(k, d - 1), -q);
        }
    Eigen::SparseMatrix<double> a(n, n);
    a.setFromTriplets(triplets.begin(), triplets.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    const Eigen::VectorXd x = lu.solve(rhs);
    return x[index(0, 0)];
}

}  // namespace models::attacks
