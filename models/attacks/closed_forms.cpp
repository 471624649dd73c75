// See closed_forms.hpp; every formula names its source there.
#include "models/attacks/closed_forms.hpp"

#include <cmath>

namespace models::attacks::closed_forms {

namespace {

double log_choose(int n, int k) { return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0); }

/// P(m) = C(m+z-1, m) p^z q^m: attacker blocks when the honest chain reaches z (negative binomial).
double neg_binomial(double q, int z, int m) {
    const double p = 1.0 - q;
    return std::exp(log_choose(m + z - 1, m) + z * std::log(p) + (q > 0 ? m * std::log(q) : (m ? -INFINITY : 0)));
}

}  // namespace

double double_spend_catch_up(double q, int z) {
    if (q >= 0.5) return 1.0;
    const double r = q / (1.0 - q);
    double s = 0.0;
    for (int m = 0; m < z; ++m) s += neg_binomial(q, z, m) * (1.0 - std::pow(r, z - m));
    return 1.0 - s;
}

double double_spend_overtake(double q, int z) {
    if (q >= 0.5) return 1.0;
    const double r = q / (1.0 - q);
    double s = 0.0;
    for (int m = 0; m <= z; ++m) s += neg_binomial(q, z, m) * (1.0 - std::pow(r, z - m + 1));
    return 1.0 - s;
}

double nakamoto_approximation(double q, int z) {
    const double p = 1.0 - q, lambda = z * q / p;
    double s = 0.0;
    for (int k = 0; k <= z; ++k) {
        const double poisson = std::exp(-lambda + k * std::log(lambda) - std::lgamma(k + 1.0));
        s += poisson * (1.0 - std::pow(q / p, z - k));
    }
    return 1.0 - s;
}

double double_spend_binomial_identity(double q, int z) {
    const int n = 2 * z - 1;
    double tail = 0.0;
    for (int k = z; k <= n; ++k) tail += std::exp(log_choose(n, k) + k * std::log(q) + (n - k) * std::log1p(-q));
    return 2.0 * tail;
}

double selfish_revenue(double a, double g) {
    const double num = a * (1 - a) * (1 - a) * (4 * a + g * (1 - 2 * a)) - a * a * a;
    const double den = 1 - a * (1 + (2 - a) * a);
    return num / den;
}

double selfish_threshold(double g) { return (1 - g) / (3 - 2 * g); }

namespace {

/// Cat(j) a^(j+1) (1-a)^(j-1), in logs: Cat(j) overflows a double past j ~ 500.
double race_term(double a, int j) {
    if (a <= 0.0) return 0.0;
    if (a >= 1.0) return j == 1 ? 1.0 : 0.0;
    const double log_catalan = std::lgamma(2.0 * j + 1.0) - std::lgamma(j + 1.0) - std::lgamma(j + 2.0);
    return std::exp(log_catalan + (j + 1) * std::log(a) + (j - 1) * std::log1p(-a));
}

}  // namespace

double feather_fork_win(double a, int depth) {
    double w = 0.0;
    for (int j = 1; j <= depth; ++j) w += race_term(a, j);
    return w;
}

std::vector<double> censored_unconfirmed_curve(double a, int depth, int k_max) {
    // f(n) = a f(n-1) + (1-a) sum_j Cat(j) a^(j+1) (1-a)^(j-1) f(n-j-1), f(m <= 0) = 1.
    std::vector<double> race(depth + 1, 0.0);
    for (int j = 1; j <= depth; ++j) race[j] = race_term(a, j);
    std::vector<double> f(k_max + 1, 1.0);
    const auto at = [&](int n) { return n <= 0 ? 1.0 : f[n]; };
    for (int n = 1; n <= k_max; ++n) {
        double v = a * at(n - 1);
        for (int j = 1; j <= depth; ++j) v += (1 - a) * race[j] * at(n - j - 1);
        f[n] = v;
    }
    return f;
}

double censored_unconfirmed(double a, int depth, int k) { return censored_unconfirmed_curve(a, depth, k)[k]; }

double stale_rate_from_delays(const std::vector<double>& tau_s, double block_interval_s) {
    if (tau_s.empty()) return 0.0;
    double s = 0.0;
    for (double t : tau_s) s += std::exp(-t / block_interval_s);
    return 1.0 - s / static_cast<double>(tau_s.size());
}

double censor_private_race_fixed_window(double a, int k) {
    double s = 0.0;
    for (int j = 0; j < k; ++j) s += std::exp(log_choose(k - 1 + j, j) + k * std::log(a) + j * std::log1p(-a));
    return s;
}

double censor_private_race(double a, int k) {
    if (a >= 0.5) return 1.0;
    const double r = a / (1.0 - a);
    double s = censor_private_race_fixed_window(a, k);
    // The tail terms fall geometrically (ratio below 4 a (1 - a) < 1); stop when negligible.
    for (int j = k;; ++j) {
        const double t = std::exp(log_choose(k - 1 + j, j) + k * std::log(a) + j * std::log1p(-a) +
                                  (j - k + 1) * std::log(r));
        s += t;
        if (t < 1e-18 * s || j > k + 200000) break;
    }
    return s;
}

}  // namespace models::attacks::closed_forms
