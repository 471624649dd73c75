// See censor_outputs.hpp.
#include "models/adversary/censor_outputs.hpp"

#include <algorithm>
#include <numeric>

namespace models::adversary {

double censor_outputs(bitcoin::World& world, double hash_share, const std::vector<bitcoin::Outpoint>& outputs) {
    if (hash_share <= 0.0) return 0.0;
    const auto& pools = world.pools();
    std::vector<std::size_t> order(pools.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pools.share(a) > pools.share(b); });
    double controlled = 0.0;
    // A relative tolerance keeps a target equal to a sum of shares from taking one pool more.
    for (std::size_t i : order) {
        if (controlled >= hash_share * (1.0 - 1e-12)) break;
        world.control_pool(i, true);
        controlled += pools.share(i);
    }
    for (const auto& o : outputs) world.orders().censored.push_back(o);
    return std::min(controlled, 1.0);
}

}  // namespace models::adversary
