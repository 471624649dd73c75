// The `lightning` model: Lightning channels disputed on-chain by agents in the transaction-level
// world. A victim V and its adversary M hold a channel's BOLT 3 transactions; V (or its
// watchtower) and M broadcast, fee-bump and replace them; pools drawn by hash share confirm what
// their templates hold. Every outcome is read from which transactions confirmed in which blocks:
// a revoked-state theft succeeds when M's sweep of its to_local confirms, an HTLC attack when V's
// timeout claims have not confirmed by its upstream deadline and V never saw the preimage.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/layer2/lightning/lightning_world_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::lightning {

struct LightningWorldModel {
    using Params = LightningWorldParams;
    static constexpr const char* name = "lightning";
    static constexpr const char* help =
        "Lightning channels disputed by agents in the transaction-level world: revoked state "
        "against a "
        "watchtower, HTLC timeouts against pinning, replacement cycling, Flood & Loot, congestion, "
        "censorship, timelocked bribes and time dilation";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::layer2::lightning
