// The `dispute` model: one timelocked dispute played out as agents in the transaction-level
// world. An honest party must confirm its claim on a contested output inside a window; an
// adversary combines primitives (pools that censor, filler that congests, a timelocked bribe
// carried by its own spend) and wins if its own spend confirms instead. Nothing is decided by a
// formula: the outcome is which spend a block confirmed.
#pragma once

#include <vector>

#include "models/adversary/censor.hpp"
#include "models/adversary/congest.hpp"
#include "models/adversary/timelocked_sweep.hpp"
#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/roles/claimant.hpp"
#include "sim/model/model.hpp"

namespace models::layer2 {

struct DisputeParams {
    double value_btc = 1.0;
    std::int64_t claim_delay_blocks = 0;
    std::int64_t window_blocks = 144;

    template <class V>
    void describe(V& v) {
        v.field("value_btc", value_btc, "BTC", "value of the contested output", sim::in_range(0.001, 21e6));
        v.field("claim_delay_blocks", claim_delay_blocks, "blocks",
                "the honest claim is valid this many blocks after the output confirms (its CSV)", sim::in_range(0, 65535));
        v.field("window_blocks", window_blocks, "blocks",
                "the adversary's path opens this many blocks after the output confirms (its CSV)", sim::in_range(1, 65535));
    }
};

struct AdversaryParams {
    adversary::CensorParams censor;
    adversary::CongestParams congest;
    adversary::TimelockedSweepParams sweep;

    template <class V>
    void describe(V& v) {
        v.section("censor", censor);
        v.section("congest", congest);
        v.section("sweep", sweep);
    }
};

struct DisputeModel {
    struct Params {
        bitcoin::WorldParams world;
        DisputeParams dispute;
        ClaimantParams claimant;
        AdversaryParams adversary;

        template <class V>
        void describe(V& v) {
            v.section("world", world);
            v.section("dispute", dispute);
            v.section("claimant", claimant);
            v.section("adversary", adversary);
        }
    };
    static constexpr const char* name = "dispute";
    static constexpr const char* help =
        "a timelocked claim that must confirm within a window, against censoring pools, congestion and "
        "timelocked bribes, run as agents in the transaction-level world";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::layer2
