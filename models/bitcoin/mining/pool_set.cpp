// See pool_set.hpp.
#include "models/bitcoin/mining/pool_set.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace models::bitcoin {

namespace {

std::vector<double> normalised(std::vector<double> shares) {
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    if (shares.empty() || !(total > 0.0)) throw std::invalid_argument("pool shares must have a positive sum");
    for (double& s : shares) s /= total;
    return shares;
}

}  // namespace

PoolSet::PoolSet(std::vector<double> shares) : shares_(normalised(std::move(shares))), pick_(shares_) {}

std::size_t PoolSet::smallest() const {
    return static_cast<std::size_t>(std::min_element(shares_.begin(), shares_.end()) - shares_.begin());
}

}  // namespace models::bitcoin
