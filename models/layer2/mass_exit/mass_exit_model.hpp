// The `mass_exit` model: a server that runs an Ark and a Lightning hub fails, and everyone who
// depends on it goes on-chain in the same blocks. The users of `ark.rounds` Ark rounds unroll
// their branches of the rounds' exit tree and claim their VTXOs before the rounds expire
// (round_exits.hpp); the hub's channel peers force-close `lightning.channels` channels and time
// out the HTLCs on them before their upstream deadlines (lightning/htlc_holder.hpp); background
// demand keeps bidding for the same blocks. Pools fill blocks by fee rate. The outcomes are read
// from what confirmed by when: the share of Ark value not exited before expiry and the share of
// HTLCs not claimed by their deadline.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/layer2/mass_exit/mass_exit_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::mass_exit {

struct MassExitModel {
    using Params = MassExitParams;
    static constexpr const char* name = "mass_exit";
    static constexpr const char* help =
        "Ark users unrolling their exit trees and Lightning channels force-closing in the same "
        "blocks "
        "after a server failure, against background demand: value lost to expiry and HTLCs lost to "
        "deadlines";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    /// Reads the design file (its errors name its line, column and key) and checks the window.
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::layer2::mass_exit
