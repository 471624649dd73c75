// The Layer2 model: one replication of one attack on one design, recording physical quantities
// only (hash relative to Bitcoin's honest hashrate x seconds, blocks, keys corrupted, bribes in
// BTC, value at risk). Dollars come later from analysis/economics.py.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/layer2/layer2_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2 {

struct Layer2Model {
    using Params = Layer2Params;
    static constexpr const char* name = "layer2";
    static constexpr const char* help =
        "Layer2 designs under attack: L1 payment baseline, threshold-custody pegs, merged mining, drivechain";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    static std::vector<std::pair<std::string, double>> exact(const Params& p);
    /// Cross-key rules: the attack must apply to the design; a custom peg must be consistent.
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::layer2
