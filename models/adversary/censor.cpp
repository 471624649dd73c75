// See censor.hpp.
#include "models/adversary/censor.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace models::adversary {

void Censor::on_start(bitcoin::World& world) {
    if (params_.hash_share <= 0.0) return;
    const auto& pools = world.pools();
    std::vector<std::size_t> order(pools.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pools.share(a) > pools.share(b); });
    // A relative tolerance keeps a target equal to a sum of shares from taking one pool more.
    for (std::size_t i : order) {
        if (controlled_share_ >= params_.hash_share * (1.0 - 1e-12)) break;
        world.control_pool(i, true);
        controlled_share_ += pools.share(i);
    }
    world.orders().censored.push_back(dispute_.contested);
}

}  // namespace models::adversary
