// Buying a plan's keys: the cheapest reachable keys, a compromised failure group when it is
// cheaper than bribing its members, nothing when too few holders can be reached. The draws are
// written by hand, so each expected cost is worked out here, not by the code under test.
#include <catch2/catch.hpp>

#include "models/adversary/corrupt_keys.hpp"
#include "models/layer2/design/design_reader.hpp"

using namespace models;

namespace {

layer2::design::Design five_signers() {
    return layer2::design::read_design_text(R"toml([design]
name = "five"
[keys]
s = { count = 5, held_by = "k" }
[agents.k]
corruption_cost_btc = { median = 1.0 }
[failure_groups.vendor]
members = ["s[0..3]"]
probability = 0.5
cost_btc = 2.5
[outputs.o]
policy = "thresh(3, s[*])"
value_btc = 1.0
)toml", "five.toml");
}

}  // namespace

TEST_CASE("corrupt keys: the k cheapest reachable holders", "[unit][adversary]") {
    const auto d = five_signers();
    adversary::KeyholderDraws draws{{true, true, true, true, true}, {5.0, 1.0, 4.0, 2.0, 3.0}, {false}};
    const auto c = adversary::cheapest_corruption(d, draws, {{"s", 3}});
    REQUIRE(c);
    CHECK(c->cost_btc == 6.0);  // 1 + 2 + 3
    CHECK(c->bribed.size() == 3);
    draws.available[1] = false;  // the cheapest holder cannot be reached: 2 + 3 + 4
    CHECK(adversary::cheapest_corruption(d, draws, {{"s", 3}})->cost_btc == 9.0);
    draws.available = {false, false, true, true, false};
    CHECK_FALSE(adversary::cheapest_corruption(d, draws, {{"s", 3}}));
}

TEST_CASE("corrupt keys: a failed group is used only when it is cheaper", "[unit][adversary]") {
    const auto d = five_signers();
    REQUIRE(d.failure_groups.at(0).members.size() == 4);
    adversary::KeyholderDraws draws{{true, true, true, true, true}, {5.0, 1.0, 4.0, 2.0, 3.0}, {true}};
    const auto c = adversary::cheapest_corruption(d, draws, {{"s", 3}});
    REQUIRE(c);
    CHECK(c->cost_btc == 2.5);  // the group's 4 keys for 2.5 beat 1 + 2 + 3
    CHECK(c->groups_used == 1);
    CHECK(c->bribed.empty());
    draws.cost_btc = {0.5, 0.5, 0.5, 0.5, 0.5};  // now three bribes (1.5) beat the group
    CHECK(adversary::cheapest_corruption(d, draws, {{"s", 3}})->cost_btc == 1.5);
    draws.available.assign(5, false);  // no holder reachable: only the compromised group's keys
    CHECK(adversary::cheapest_corruption(d, draws, {{"s", 3}})->cost_btc == 2.5);
}

TEST_CASE("corrupt keys: a posted offer buys from holders asking at most the offer, at the offer",
          "[unit][adversary]") {
    const auto d = five_signers();
    // Asks 5, 1, 4, 2, 3; holder 3 (ask 2) is out of reach. An offer of 3 is taken by holders 1
    // and 4 (asks 1 and 3: at most the offer), refused by 0 and 2: two sellers, short of three.
    const adversary::KeyholderDraws draws{
        {true, true, true, false, true}, {5.0, 1.0, 4.0, 2.0, 3.0}, {false}};
    CHECK(adversary::accepting_posted_offer(draws, 3.0) == 2);
    CHECK_FALSE(
        adversary::cheapest_corruption(d, adversary::at_posted_offer(draws, 3.0), {{"s", 3}}));
    // At 4, holder 2 sells too: three keys at 4 each, though their asks sum to 8.
    CHECK(adversary::accepting_posted_offer(draws, 4.0) == 3);
    const auto c =
        adversary::cheapest_corruption(d, adversary::at_posted_offer(draws, 4.0), {{"s", 3}});
    REQUIRE(c);
    CHECK(c->cost_btc == 12.0);
    CHECK(c->bribed.size() == 3);
    // A compromised failure group still sells its members at its own price.
    auto failed = draws;
    failed.group_failed = {true};
    CHECK(adversary::cheapest_corruption(d, adversary::at_posted_offer(failed, 3.0), {{"s", 3}})
              ->cost_btc == 2.5);
}
