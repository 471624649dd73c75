// Implementations of the engine's distributions; see distributions.hpp for the sources.
#include "sim/random/distributions.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace sim::random {

__extension__ using uint128 = unsigned __int128;  // GCC/Clang builtin, for Lemire's multiply

double uniform(RngStream& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); }

std::uint64_t uniform_index(RngStream& rng, std::uint64_t n) {
    // Lemire's multiply-shift with rejection of the biased low region.
    uint128 m = static_cast<uint128>(rng.next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<uint128>(rng.next_u64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double exponential_mean(RngStream& rng, double mean) { return -mean * std::log(rng.uniform_open01()); }

bool bernoulli(RngStream& rng, double p) { return rng.uniform01() < p; }

double normal(RngStream& rng, double mean, double sd) {
    const double u1 = rng.uniform_open01();
    const double u2 = rng.uniform01();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double lognormal(RngStream& rng, double mu_log, double sigma_log) {
    return std::exp(normal(rng, mu_log, sigma_log));
}

double gamma(RngStream& rng, double shape) {
    if (shape < 1.0) return gamma(rng, shape + 1.0) * std::pow(rng.uniform_open01(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double x = normal(rng, 0.0, 1.0);
        const double t = 1.0 + c * x;
        if (t <= 0.0) continue;
        const double v = t * t * t;
        const double u = rng.uniform_open01();
        if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
}

double beta(RngStream& rng, double a, double b) {
    const double x = gamma(rng, a);
    const double y = gamma(rng, b);
    return x / (x + y);
}

std::uint64_t poisson(RngStream& rng, double mean) {
    std::uint64_t extra = 0;
    // Knuth's split: the m-th arrival of a unit-rate process is Gamma(m). If it falls before
    // `mean`, count m and continue from there; otherwise the count is binomial over (0, X).
    while (mean > 16.0) {
        const auto m = static_cast<std::uint64_t>(0.875 * mean);
        const double x = gamma(rng, static_cast<double>(m));
        if (x >= mean) return extra + binomial(rng, m - 1, mean / x);
        extra += m;
        mean -= x;
    }
    const double limit = std::exp(-mean);
    double product = rng.uniform01();
    std::uint64_t k = 0;
    while (product >= limit) {
        product *= rng.uniform01();
        ++k;
    }
    return extra + k;
}

namespace {

std::uint64_t binomial_small(RngStream& rng, std::uint64_t n, double p) {
    if (n <= 32) {
        std::uint64_t k = 0;
        for (std::uint64_t i = 0; i < n; ++i) k += bernoulli(rng, p) ? 1 : 0;
        return k;
    }
    // Waiting times: successes are the geometric gaps that fit in n trials.
    std::uint64_t k = 0;
    std::uint64_t position = geometric(rng, p);
    while (position < n) {
        ++k;
        position += 1 + geometric(rng, p);
    }
    return k;
}

}  // namespace

std::uint64_t binomial(RngStream& rng, std::uint64_t n, double p) {
    if (p <= 0.0 || n == 0) return 0;
    if (p >= 1.0) return n;
    if (p > 0.5) return n - binomial(rng, n, 1.0 - p);
    std::uint64_t extra = 0;
    // Knuth's split: the a-th smallest of n uniforms is Beta(a, n + 1 - a).
    while (static_cast<double>(n) * p > 16.0 && n > 32) {
        const std::uint64_t a = 1 + n / 2;
        const std::uint64_t b = n + 1 - a;
        const double x = beta(rng, static_cast<double>(a), static_cast<double>(b));
        if (x >= p) {
            n = a - 1;
            p = p / x;
        } else {
            extra += a;
            n = b - 1;
            p = (p - x) / (1.0 - x);
        }
    }
    return extra + binomial_small(rng, n, p);
}

std::uint64_t geometric(RngStream& rng, double p) {
    if (p >= 1.0) return 0;
    if (p <= 0.0) throw std::invalid_argument("geometric: p must be in (0, 1]");
    return static_cast<std::uint64_t>(std::floor(std::log(rng.uniform_open01()) / std::log1p(-p)));
}

DiscreteDistribution::DiscreteDistribution(std::span<const double> weights) {
    const std::size_t n = weights.size();
    double total = 0.0;
    for (double w : weights) {
        if (!(w >= 0.0) || !std::isfinite(w)) throw std::invalid_argument("weights must be >= 0");
        total += w;
    }
    if (n == 0 || total <= 0.0) throw std::invalid_argument("weights must have a positive sum");
    prob_.assign(n, 0.0);
    alias_.assign(n, 0);
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = weights[i] * static_cast<double>(n) / total;
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back(), l = large.back();
        small.pop_back();
        large.pop_back();
        prob_[s] = scaled[s];
        alias_[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        (scaled[l] < 1.0 ? small : large).push_back(l);
    }
    for (auto i : large) prob_[i] = 1.0;
    for (auto i : small) prob_[i] = 1.0;  // only reachable through rounding
}

std::size_t DiscreteDistribution::operator()(RngStream& rng) const {
    const std::size_t column = uniform_index(rng, prob_.size());
    return rng.uniform01() < prob_[column] ? column : alias_[column];
}

}  // namespace sim::random
