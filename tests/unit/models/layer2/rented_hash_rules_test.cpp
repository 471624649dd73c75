// The rules of models/layer2/bitcoin_race.hpp, exactly: how rented and cartel hash enter a race,
// and the by-name reads of the race outcomes (a reordered or extended race_columns() must not
// shift them).
#include <catch2/catch.hpp>
#include <string>

#include "models/bitcoin/race_world.hpp"
#include "models/layer2/bitcoin_race.hpp"

using namespace models::layer2;

TEST_CASE("rented hash: rented joins the network, a cartel's hash is withdrawn from it", "[unit]") {
    const auto rented = race_params(AttackerHash{0.6, true, 1.0}, 600.0, true);
    CHECK(rented.attacker.rented);
    CHECK(rented.attacker.hash_share == 0.6);
    CHECK(rented.chain.retarget);
    CHECK(rented.chain.retarget_blocks == 2016);
    const auto cartel = race_params(AttackerHash{0.6, false, 0.8}, 30.0, false);
    CHECK(!cartel.attacker.rented);
    CHECK(!cartel.chain.retarget);
    CHECK(cartel.chain.block_interval_s == 30.0);
}

TEST_CASE("rented hash: race outcomes are read by column name", "[unit]") {
    const auto cols = models::bitcoin::race_columns();
    std::vector<double> o(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const std::string& n = cols[i].name;
        o[i] = n == "attack_success"              ? 1.0
               : n == "main_chain_blocks"         ? 40.0
               : n == "attacker_revenue_share"    ? 0.25
               : n == "censored_tx_confirm_block" ? 7.0
               : n == "sim_time_s"                ? 1234.0
                                                  : -1.0;
    }
    const RaceOutcome r = read_race(o);
    CHECK(r.success);
    CHECK(r.attacker_main_blocks == Approx(10.0));
    CHECK(r.tx_confirm_block == 7.0);
    CHECK(r.sim_time_s == 1234.0);
}
