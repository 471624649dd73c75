// See censor.hpp.
#include "models/adversary/censor.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "models/attacks/strongest_censor.hpp"

namespace models::adversary {

void Censor::on_start(bitcoin::World& world) {
    if (params_.hash_share <= 0.0) return;
    const auto& pools = world.pools();
    std::vector<std::size_t> order(pools.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pools.share(a) > pools.share(b); });
    // A relative tolerance keeps a target equal to a sum of shares from taking one pool more.
    for (std::size_t i : order) {
        if (controlled_share_ >= params_.hash_share * (1.0 - 1e-12)) break;
        world.control_pool(i, true);
        controlled_share_ += pools.share(i);
    }
    world.orders().censored.push_back(dispute_.contested);
    order_forks(world);
}

void Censor::open_window(CensorWindow window, bitcoin::World& world) {
    window_ = window;
    if (params_.hash_share > 0.0) order_forks(world);
}

std::string Censor::played_strategy() const {
    if (params_.strategy != "strongest") return params_.strategy;
    const int k = static_cast<int>(window_.last_tip_height - window_.first_tip_height);
    const auto depth = static_cast<int>(params_.feather_fork_depth_blocks);
    const double alpha = controlled_share_ > 0.0 ? controlled_share_ : params_.hash_share;
    const auto choice = attacks::strongest_censor(std::min(alpha, 1.0), depth, std::max(k, 1));
    return choice.strategy == attacks::CensorStrategy::private_race ? "private_race"
                                                                    : "feather_fork";
}

void Censor::order_forks(bitcoin::World& world) const {
    const std::string s = played_strategy();
    bitcoin::ForkOrders& f = world.fork_orders();
    if (s == "feather_fork") {
        f.strategy = bitcoin::ForkStrategy::feather_fork;
        f.depth_blocks = static_cast<std::uint32_t>(params_.feather_fork_depth_blocks);
    } else if (s == "private_race") {
        // The race covers the blocks in which only the claim can confirm: from the tip after which
        // it first can, to the last tip before the adversary's own path opens.
        f.strategy = bitcoin::ForkStrategy::private_race;
        f.race_from_height = window_.first_tip_height;
        f.race_until_height = window_.last_tip_height;
        f.give_up_deficit_blocks =
            controlled_share_ < 0.5
                ? static_cast<std::uint32_t>(
                      attacks::private_race_give_up_deficit(controlled_share_))
                : 1'000'000u;  // a majority always catches up: it never gives up
    }
}

}  // namespace models::adversary
