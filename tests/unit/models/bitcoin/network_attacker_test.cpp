// The selfish attacker's node in the P2P network (attacker_node.hpp): its blocks are counted, its
// columns appear only when it plays, honest-only runs keep their columns, and the policy gamma
// (attacker.gamma, the tie share its policy is solved for) changes what it does on the network.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/bitcoin/bitcoin_model.hpp"

using namespace models::bitcoin;

namespace {

BitcoinParams network_attacker(const char* strategy) {
    BitcoinParams p;
    p.attacker.strategy = strategy;
    p.attacker.hash_share = 0.4;
    p.network.enabled = true;
    p.network.nodes = 30;
    p.run.blocks = 600;
    return p;
}

double outcome(const BitcoinParams& p, const char* name, std::uint64_t seed = 5) {
    sim::RunInput in;
    in.master_seed = seed;
    const auto out = BitcoinModel::run(p, in).outcomes;
    const auto cols = BitcoinModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return out[i];
    throw std::runtime_error(name);
}

bool has_column(const BitcoinParams& p, const char* name) {
    for (const auto& c : BitcoinModel::outcome_columns(p))
        if (c.name == name) return true;
    return false;
}

}  // namespace

TEST_CASE("network attacker: block counts add up and the attacker mines its share", "[unit]") {
    for (const char* s : {"selfish", "optimal_selfish"}) {
        const auto p = network_attacker(s);
        const double att = outcome(p, "attacker_blocks"), hon = outcome(p, "honest_blocks");
        CHECK(att + hon == 600);
        CHECK(outcome(p, "main_chain_blocks") + outcome(p, "orphaned_blocks") == 600);
        CHECK(std::abs(att / 600 - 0.4) < 3.29 * std::sqrt(0.4 * 0.6 / 600));
        const double n = outcome(p, "tie_race_honest_blocks"), k = outcome(p, "tie_race_blocks_on_attacker");
        CHECK(n > 0);
        CHECK(k <= n);
        CHECK(outcome(p, "measured_gamma") == Approx(k / n));
        const double share = outcome(p, "attacker_revenue_share");
        CHECK((share > 0.0 && share < 1.0));
    }
}

TEST_CASE("network attacker: honest network runs keep their columns", "[unit]") {
    BitcoinParams p;
    p.network.enabled = true;
    CHECK_FALSE(has_column(p, "measured_gamma"));
    CHECK(has_column(network_attacker("selfish"), "measured_gamma"));
}

TEST_CASE("network attacker: the policy's gamma changes the attacker's play", "[unit]") {
    // Same seed, same network and block finders: the policy solved for gamma = 1 matches ties the
    // policy for gamma = 0 would not, so the tie races and the share differ.
    auto p = network_attacker("optimal_selfish");
    p.attacker.gamma = 0.0;
    auto q = p;
    q.attacker.gamma = 1.0;
    CHECK(outcome(p, "tie_race_honest_blocks") != outcome(q, "tie_race_honest_blocks"));
    CHECK(outcome(p, "attacker_revenue_share") != outcome(q, "attacker_revenue_share"));
}

TEST_CASE("network attacker: a selfish attacker needs hash on the network", "[unit]") {
    auto p = network_attacker("selfish");
    p.attacker.hash_share = 0.0;
    const auto err = BitcoinModel::check(p);
    REQUIRE(err);
    CHECK(err->first == "attacker.hash_share");
}
