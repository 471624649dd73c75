// See layer2_closed_forms.hpp.
#include "models/layer2/layer2_closed_forms.hpp"

#include <cmath>
#include <numeric>

#include "models/layer2/federation.hpp"

namespace models::layer2::closed_forms {

double poisson_binomial_tail(const std::vector<double>& p, int k) {
    std::vector<double> dist{1.0};  // dist[j] = P(j successes so far)
    for (double pi : p) {
        std::vector<double> next(dist.size() + 1, 0.0);
        for (std::size_t j = 0; j < dist.size(); ++j) {
            next[j] += dist[j] * (1 - pi);
            next[j + 1] += dist[j] * pi;
        }
        dist = std::move(next);
    }
    double tail = 0.0;
    for (std::size_t j = static_cast<std::size_t>(std::max(k, 0)); j < dist.size(); ++j) tail += dist[j];
    return tail;
}

double accept_probability(const PegParams& p, int i, int n, double offer_btc) {
    if (offer_btc <= 0) return 0.0;
    const double m = median_cost_btc(p, i, n);
    const double cdf = p.signer_cost_sigma > 0
                           ? 0.5 * std::erfc(-(std::log(offer_btc) - std::log(m)) / (p.signer_cost_sigma * std::sqrt(2.0)))
                           : (offer_btc >= m ? 1.0 : 0.0);
    return p.availability * cdf;
}

namespace {
std::vector<double> accepts(const PegParams& p, int n, double offer) {
    std::vector<double> out;
    for (int i = 0; i < n; ++i) out.push_back(accept_probability(p, i, n, offer));
    return out;
}
}  // namespace

double peg_bribery_success(const PegParams& p, const std::string& attack, double offer) {
    const FederationShape s = shape_of(p);
    const auto theft = poisson_binomial_tail(accepts(p, s.signers, offer), s.threshold);
    std::vector<double> refuse;  // offline, or online and bribed
    for (int i = 0; i < s.signers; ++i) refuse.push_back(1 - p.availability + accept_probability(p, i, s.signers, offer));
    const double freeze = poisson_binomial_tail(refuse, s.signers - s.threshold + 1);
    if (attack == "bribe_theft") return theft;
    if (attack == "freeze") return freeze;
    if (s.emergency_keys == 0) return 0.0;
    return freeze * poisson_binomial_tail(accepts(p, s.emergency_keys, offer), s.emergency_threshold);
}

double drivechain_theft(double alpha, int required, int window, bool downvote) {
    if (!downvote) {  // Binomial(window, alpha) >= required
        double tail = 0.0;
        for (int k = required; k <= window; ++k)
            tail += std::exp(std::lgamma(window + 1.0) - std::lgamma(k + 1.0) - std::lgamma(window - k + 1.0) +
                             k * std::log(alpha) + (window - k) * std::log1p(-alpha));
        return tail;
    }
    std::vector<double> count(required + 1, 0.0), next(required + 1);
    count[0] = 1.0;  // count[required] absorbs: the bundle passed
    for (int b = 0; b < window; ++b) {
        std::fill(next.begin(), next.end(), 0.0);
        next[required] = count[required];
        for (int c = 0; c < required; ++c) {
            next[c + 1] += count[c] * alpha;
            next[std::max(c - 1, 0)] += count[c] * (1 - alpha);
        }
        std::swap(count, next);
    }
    return count[required];
}

double drivechain_freeze(double beta, int required, int window) {
    return 1.0 - drivechain_theft(1.0 - beta, required, window, true);
}

double timelocked_bribery_success(const std::vector<double>& shares, double bribe_btc, double fee_btc,
                                  int window_blocks) {
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    double accepting = 0.0;
    for (double s : shares)
        if (s / total * bribe_btc > fee_btc) accepting += s / total;
    return std::pow(accepting, window_blocks);
}

}  // namespace models::layer2::closed_forms
