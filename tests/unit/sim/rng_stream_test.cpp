// Streams are pure functions of (seed, run, stream); golden values pin the first draws so any
// change to the generator or the distributions is seen. Moment checks use z = 5 tolerances.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/random/distributions.hpp"

using namespace sim;

TEST_CASE("rng: golden first draws of stream (42, 7, 3)", "[unit]") {
    RngStream r(42, 7, 3);
    const std::uint64_t expected[] = {0x8224bd3cd57406f6ULL, 0x7b72542fd8bf303bULL, 0x4d077a100efcaf60ULL,
                                      0x0713ca874334a2c1ULL, 0xe0291f6e647bfe4eULL};
    for (auto x : expected) CHECK(r.next_u64() == x);
    RngStream e(42, 7, 4);
    CHECK(random::exponential_mean(e, 600.0) == Approx(472.35021537397432).epsilon(1e-15));
    CHECK(random::poisson(e, 100.0) == 109);
    CHECK(random::binomial(e, 1000, 0.3) == 309);
    CHECK(random::normal(e, 0, 1) == Approx(0.51985833904575507).epsilon(1e-15));
}

TEST_CASE("rng: a stream is a pure function of its key; keys are independent", "[unit]") {
    RngStream a(1, 2, 3), b(1, 2, 3), c(1, 2, 4), d(1, 3, 3), e(2, 2, 3);
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    CHECK(x != c.next_u64());
    CHECK(x != d.next_u64());
    CHECK(x != e.next_u64());
    StreamKey k{5, 9};
    CHECK(StreamFactory(1, 2).make(k).next_u64() == RngStream(1, 2, k.packed()).next_u64());
}

namespace {

struct Moments {
    double mean = 0, var = 0;
};

template <class Draw>
Moments moments(int n, Draw draw) {
    double s = 0, s2 = 0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        s += x;
        s2 += x * x;
    }
    const double m = s / n;
    return {m, s2 / n - m * m};
}

// |sample mean - mu| < 5 standard errors.
void check_mean(const Moments& m, double mu, double var, int n) {
    CHECK(std::abs(m.mean - mu) < 5.0 * std::sqrt(var / n));
    CHECK(m.var == Approx(var).epsilon(0.05));
}

}  // namespace

TEST_CASE("rng: distributions have their textbook mean and variance (z = 5)", "[unit]") {
    RngStream r(7, 0, 1);
    const int n = 200000;
    check_mean(moments(n, [&] { return random::uniform(r, 2.0, 4.0); }), 3.0, 4.0 / 12.0, n);
    check_mean(moments(n, [&] { return random::exponential_mean(r, 600.0); }), 600.0, 360000.0, n);
    check_mean(moments(n, [&] { return random::bernoulli(r, 0.3) ? 1.0 : 0.0; }), 0.3, 0.21, n);
    check_mean(moments(n, [&] { return random::normal(r, 1.0, 2.0); }), 1.0, 4.0, n);
    const double s = 0.5, mu = 0.1;
    check_mean(moments(n, [&] { return random::lognormal(r, mu, s); }), std::exp(mu + s * s / 2),
               (std::exp(s * s) - 1) * std::exp(2 * mu + s * s), n);
    for (double lambda : {0.7, 12.0, 250.0})
        check_mean(moments(n, [&] { return double(random::poisson(r, lambda)); }), lambda, lambda, n);
    for (auto [trials, p] : {std::pair{20ULL, 0.4}, std::pair{1000ULL, 0.02}, std::pair{5000ULL, 0.3}})
        check_mean(moments(n, [&] { return double(random::binomial(r, trials, p)); }), trials * p,
                   trials * p * (1 - p), n);
    check_mean(moments(n, [&] { return double(random::geometric(r, 0.2)); }), 4.0, 0.8 / 0.04, n);
    check_mean(moments(n, [&] { return random::gamma(r, 3.5); }), 3.5, 3.5, n);
    check_mean(moments(n, [&] { return random::gamma(r, 0.4); }), 0.4, 0.4, n);
    check_mean(moments(n, [&] { return double(random::uniform_index(r, 10)); }), 4.5, 99.0 / 12.0, n);
}

TEST_CASE("rng: discrete distribution draws each index with its weight (z = 5)", "[unit]") {
    const std::vector<double> w{1.0, 0.0, 3.0, 6.0};
    random::DiscreteDistribution d(w);
    RngStream r(3, 0, 0);
    const int n = 200000;
    std::vector<int> counts(4, 0);
    for (int i = 0; i < n; ++i) ++counts[d(r)];
    for (std::size_t i = 0; i < 4; ++i) {
        const double p = w[i] / 10.0;
        CHECK(std::abs(counts[i] - n * p) <= 5.0 * std::sqrt(n * p * (1 - p)) + 1e-9);
    }
    CHECK_THROWS(random::DiscreteDistribution(std::vector<double>{0.0, 0.0}));
}
