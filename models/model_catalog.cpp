// Every model l2sim offers, in `l2sim describe` order.
#include "models/model_catalog.hpp"

#include "models/bitcoin/bitcoin_model.hpp"
#include "models/layer2/dispute/dispute_model.hpp"
#include "models/layer2/lightning/lightning_world_model.hpp"
#include "models/layer2/planner/design_attack_model.hpp"
#include "models/phold/phold_model.hpp"

namespace models {

void register_all(sim::ModelRegistry& registry) {
    registry.add<bitcoin::BitcoinModel>();
    registry.add<layer2::DisputeModel>();
    registry.add<layer2::lightning::LightningWorldModel>();
    registry.add<layer2::planner::DesignAttackModel>();
    registry.add<phold::PholdModel>();
}

}  // namespace models
