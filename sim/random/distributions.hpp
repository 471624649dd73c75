// Distributions implemented here rather than with std::*_distribution, whose algorithms differ
// between standard libraries (SimGrid's StdRandom warning): the same stream gives the same draws
// on every platform. Each algorithm names its source.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/random/rng_stream.hpp"

namespace sim::random {

/// Uniform on [lo, hi).
double uniform(RngStream& rng, double lo, double hi);
/// Uniform integer on [0, n), unbiased (Lemire, "Fast random integer generation in an interval", 2019).
std::uint64_t uniform_index(RngStream& rng, std::uint64_t n);
/// Exponential with the given mean (inversion).
double exponential_mean(RngStream& rng, double mean);
bool bernoulli(RngStream& rng, double p);
/// Normal by the Box–Muller transform (one value per call, no hidden cache).
double normal(RngStream& rng, double mean, double sd);
double lognormal(RngStream& rng, double mu_log, double sigma_log);
/// Gamma(shape, 1) by Marsaglia and Tsang (ACM TOMS 26(3), 2000); shape < 1 by the u^(1/a) boost.
double gamma(RngStream& rng, double shape);
double beta(RngStream& rng, double a, double b);
/// Poisson: multiplication method for small means, Knuth's gamma split (TAOCP 3.4.1 F) above.
std::uint64_t poisson(RngStream& rng, double mean);
/// Binomial: Bernoulli sum or geometric waiting times when n*p is small; Knuth's beta split above.
std::uint64_t binomial(RngStream& rng, std::uint64_t n, double p);
/// Failures before the first success, p in (0, 1] (inversion).
std::uint64_t geometric(RngStream& rng, double p);

/// Discrete distribution over indices by non-negative weights: Walker's alias method with Vose's
/// stable construction (IEEE TSE 17(9), 1991); O(1) per draw.
class DiscreteDistribution {
public:
    DiscreteDistribution() = default;
    explicit DiscreteDistribution(std::span<const double> weights);
    std::size_t operator()(RngStream& rng) const;
    std::size_t size() const { return prob_.size(); }

private:
    std::vector<double> prob_;
    std::vector<std::uint32_t> alias_;
};

}  // namespace sim::random
