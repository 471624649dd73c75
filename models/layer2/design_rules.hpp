// Cross-key rules of each Layer2 design: the checks no single key's range can express (a
// threshold above its number of keys, pool shares that do not sum to 1). Only the rules of the
// design being run apply, so a custody-peg scenario is never rejected for an Ark default.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "models/layer2/layer2_params.hpp"

namespace models::layer2 {

/// The first broken rule as (offending key, message), or nullopt. The key is the one the message
/// is about, so the engine reports the file:line:col where the scenario set it.
std::optional<std::pair<std::string, std::string>> design_rule_violation(const Layer2Params& p);

}  // namespace models::layer2
