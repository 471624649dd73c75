// Censorship of the spends of given outputs by pools the adversary controls: the largest
// template-controlling entities, taken in order until their shares reach `hash_share`, leave out
// every spend of those outputs except the adversary's own (World::orders().allowed). No block is
// orphaned: the other pools still include the spend when they find a block, so over k blocks it
// is missed with probability (controlled share)^k.
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"

namespace models::adversary {

/// Orders the censorship and returns the hash share the controlled pools hold (at least
/// hash_share, by whole pools).
double censor_outputs(bitcoin::World& world, double hash_share, const std::vector<bitcoin::Outpoint>& outputs);

}  // namespace models::adversary
