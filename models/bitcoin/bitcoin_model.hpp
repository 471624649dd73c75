// The Bitcoin L1 model as the engine sees it: parameters, outcome columns, one replication
// (dispatching to the attacker strategy class the scenario names, or to the network model), and
// exact values where a closed form or Markov chain exists.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "sim/model/model.hpp"

namespace models::bitcoin {

struct BitcoinModel {
    using Params = BitcoinParams;
    static constexpr const char* name = "bitcoin";
    static constexpr const char* help =
        "Bitcoin L1: Poisson mining, block tree, chain selection, propagation, attacker strategies";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    static std::vector<std::pair<std::string, double>> exact(const Params& p);
    /// Cross-key rules: (key, problem) of the first one broken.
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::bitcoin
