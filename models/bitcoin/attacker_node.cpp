// See attacker_node.hpp. The strategy objects are the race world's own classes; only the world
// they are handed differs.
#include "models/bitcoin/attacker_node.hpp"

#include <stdexcept>

#include "models/attacks/optimal_selfish_mining.hpp"
#include "models/attacks/selfish_mining.hpp"

namespace models::bitcoin {

namespace {

template <class Strategy>
class PlayedBy final : public AttackerNode {
public:
    PlayedBy(const BitcoinParams& p, AttackerNodeWorld world)
        : world_(std::move(world)), strategy_(p, world_) {}
    BlockId parent() const override { return strategy_.attacker_parent(world_); }
    void on_attacker_block(BlockId block) override { strategy_.on_attacker_block(block, world_); }
    void on_public_tip(BlockId tip) override { strategy_.on_honest_block(tip, world_); }
    void finish() override { strategy_.finish(world_); }

private:
    AttackerNodeWorld world_;
    Strategy strategy_;
};

}  // namespace

bool plays_on_network(const std::string& strategy) {
    return strategy == "selfish" || strategy == "optimal_selfish";
}

std::unique_ptr<AttackerNode> make_attacker_node(const BitcoinParams& p, AttackerNodeWorld world) {
    const std::string& s = p.attacker.strategy;
    if (s == "selfish") return std::make_unique<PlayedBy<attacks::SelfishMining>>(p, std::move(world));
    if (s == "optimal_selfish")
        return std::make_unique<PlayedBy<attacks::OptimalSelfishMining>>(p, std::move(world));
    throw std::invalid_argument("attacker.strategy " + s + " does not play on the network");
}

}  // namespace models::bitcoin
