// Every model l2sim offers writes the per-run engine statistics (models/run_stats.hpp) as
// ordinary outcome columns, read here by name: the catalog is walked so a model added later
// without them fails. Where a quantity exists it is counted, and the counts are checked against
// what each model's own columns say (one engine event per block in a race world, one per hop in
// PHOLD), so a column filled with a constant cannot pass.
#include <algorithm>
#include <filesystem>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/bitcoin/bitcoin_model.hpp"
#include "models/layer2/dispute/dispute_model.hpp"
#include "models/model_catalog.hpp"
#include "models/phold/phold_model.hpp"

namespace {

const std::vector<std::string> stat_names{"events_processed", "agents",       "txs_broadcast",
                                          "txs_confirmed",    "txs_replaced", "blocks"};

sim::RunInput input(std::uint64_t run = 0) {
    sim::RunInput in;
    in.master_seed = 17;
    in.run = in.stream_run = run;
    return in;
}

/// The value of column `name` in a run's outcomes.
double at(const std::vector<sim::Column>& cols, const std::vector<double>& out,
          const std::string& name) {
    const auto it = std::find_if(cols.begin(), cols.end(),
                                 [&](const sim::Column& c) { return c.name == name; });
    REQUIRE(it != cols.end());
    REQUIRE(out.size() == cols.size());
    return out.at(static_cast<std::size_t>(it - cols.begin()));
}

}  // namespace

TEST_CASE("run statistics: every model in the catalog declares the six columns",
          "[unit][run-stats]") {
    // The design_attack model's default design file is named relative to the repository root,
    // as a user running l2sim from a checkout names it.
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(L2SIM_SOURCE_DIR);
    struct Restore {
        std::filesystem::path to;
        ~Restore() { std::filesystem::current_path(to); }
    } restore{cwd};
    sim::ModelRegistry registry;
    models::register_all(registry);
    REQUIRE(registry.all().size() >= 4);
    for (const sim::Model* m : registry.all()) {
        const auto params = m->default_params();
        const auto cols = m->outcome_columns(*params);
        for (const std::string& name : stat_names) {
            INFO(std::string(m->name()) << " lacks " << name);
            CHECK(std::count_if(cols.begin(), cols.end(),
                                [&](const sim::Column& c) { return c.name == name; }) == 1);
        }
    }
}

TEST_CASE("run statistics: the bitcoin race world counts its events and blocks, no transactions",
          "[unit][run-stats]") {
    using models::bitcoin::BitcoinModel;
    BitcoinModel::Params p;
    p.run.blocks = 300;
    p.attacker.strategy = "selfish";
    p.attacker.hash_share = 0.3;
    const auto cols = BitcoinModel::outcome_columns(p);
    const auto out = BitcoinModel::run(p, input()).outcomes;
    const double blocks = at(cols, out, "attacker_blocks") + at(cols, out, "honest_blocks");
    CHECK(at(cols, out, "blocks") == blocks);
    CHECK(at(cols, out, "events_processed") == blocks);  // one engine event per block found
    CHECK(at(cols, out, "agents") == 2);
    for (const char* tx : {"txs_broadcast", "txs_confirmed", "txs_replaced"})
        CHECK(at(cols, out, tx) == 0);
    p.attacker.strategy = "honest";
    p.attacker.hash_share = 0.0;
    CHECK(at(cols, BitcoinModel::run(p, input()).outcomes, "agents") == 1);
}

TEST_CASE("run statistics: the P2P network counts every message and node", "[unit][run-stats]") {
    using models::bitcoin::BitcoinModel;
    BitcoinModel::Params p;
    p.network.enabled = true;
    p.network.nodes = 40;
    p.run.blocks = 5;
    const auto cols = BitcoinModel::outcome_columns(p);
    const auto out = BitcoinModel::run(p, input()).outcomes;
    CHECK(at(cols, out, "events_processed") == at(cols, out, "events_committed"));
    CHECK(at(cols, out, "events_processed") >
          40 * at(cols, out, "blocks"));  // each block reaches every node
    CHECK(at(cols, out, "agents") == 40);
    CHECK(at(cols, out, "blocks") ==
          at(cols, out, "main_chain_blocks") + at(cols, out, "orphaned_blocks"));
}

TEST_CASE("run statistics: PHOLD counts its hops and logical processes", "[unit][run-stats]") {
    using models::phold::PholdModel;
    PholdModel::Params p;
    p.phold.lps = 50;
    p.phold.end_time_s = 100.0;
    const auto cols = PholdModel::outcome_columns(p);
    const auto out = PholdModel::run(p, input()).outcomes;
    CHECK(at(cols, out, "events_processed") == at(cols, out, "events_committed"));
    CHECK(at(cols, out, "events_processed") > 0);
    CHECK(at(cols, out, "agents") == 50);
    CHECK(at(cols, out, "blocks") == 0);
}

TEST_CASE("run statistics: the dispute world counts events, transactions and blocks",
          "[unit][run-stats]") {
    using models::layer2::DisputeModel;
    DisputeModel::Params p;
    p.world.horizon_blocks = 6;
    p.dispute.window_blocks = 6;
    const auto cols = DisputeModel::outcome_columns(p);
    const auto out = DisputeModel::run(p, input()).outcomes;
    CHECK(at(cols, out, "events_processed") > at(cols, out, "blocks"));
    CHECK(at(cols, out, "blocks") >= 1);
    CHECK(at(cols, out, "txs_confirmed") > 0);
    CHECK(at(cols, out, "txs_broadcast") >= at(cols, out, "txs_confirmed"));
}
