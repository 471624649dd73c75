// The list of models the l2sim executable offers.
#pragma once

#include "sim/model/model.hpp"

namespace models {

void register_all(sim::ModelRegistry& registry);

}  // namespace models
