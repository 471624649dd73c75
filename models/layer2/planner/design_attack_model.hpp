// The `design_attack` model: a design file (designs/*.toml) and its candidate attack plans, each
// run as adversary agents against the design's defenders. One replication draws the keyholders
// once (availability, prices, failed failure groups) and runs every plan on them, each in its own
// world with the run's streams (common random numbers across plans), so every plan's columns in a
// row describe the same keyholders. Columns are `<plan id>__<quantity>` (plan_outcome.hpp) plus
// the summed world statistics; analysis/design_plans.py prices them and picks the cheapest plan.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/planner/graph_plan.hpp"
#include "models/layer2/planner/consensus_plans.hpp"
#include "models/layer2/planner/hand_plans.hpp"
#include "models/layer2/planner/plan.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

struct DesignFileParams {
    std::string file = "designs/l1_payment.toml";

    template <class V>
    void describe(V& v) {
        v.field("file", file, "-", "design file (TOML, relative to the working directory)");
    }
};

struct DesignAttackModel {
    struct Params {
        DesignFileParams design;
        PlannerParams planner;
        GraphPlannerParams graph_planner;
        ConsensusPlannerParams consensus;
        HandPlansParams hand_plans;
        bitcoin::WorldParams world;

        template <class V>
        void describe(V& v) {
            v.section("design", design);
            v.section("planner", planner);
            v.section("graph_planner", graph_planner);
            v.section("consensus", consensus);
            v.section("hand_plans", hand_plans);
            v.section("world", world);
        }
    };
    static constexpr const char* name = "design_attack";
    static constexpr const char* help =
        "a design file's candidate attack plans (from its policies' satisfying paths), each run as adversary "
        "agents against the design's defenders in the transaction-level world";

    static std::vector<sim::Column> outcome_columns(const Params& p);
    static sim::RunOutput run(const Params& p, const sim::RunInput& in);
    /// Reads the design file: its errors name the design file, line, column and key.
    static std::optional<std::pair<std::string, std::string>> check(const Params& p);
};

}  // namespace models::layer2::planner
