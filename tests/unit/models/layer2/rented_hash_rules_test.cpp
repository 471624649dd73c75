// The rules of models/layer2/bitcoin_race.hpp, exactly: how rented and cartel hash enter a race,
// how long Bitcoin blocks take meanwhile (retarget after 2016 blocks), and the by-name reads of the
// race outcomes (a reordered or extended race_columns() must not shift them).
#include <catch2/catch.hpp>
#include <string>

#include "models/bitcoin/race_world.hpp"
#include "models/layer2/bitcoin_race.hpp"
#include "models/layer2/layer2_model.hpp"

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

TEST_CASE("rented hash: hash x time is recorded against the honest hash that keeps mining",
          "[unit]") {
    Record r;
    charge_hash(r, AttackerHash{0.6, true, 0.8},
                100.0);  // merged-mined chain with 0.8 of Bitcoin's hash
    CHECK(r.hash_rel_peak == Approx(1.5 * 0.8));
    CHECK(r.hash_rel_seconds == Approx(1.5 * 0.8 * 100.0));
    CHECK(r.owned_hash_rel_seconds == 0.0);
    Record c;
    charge_hash(c, AttackerHash{0.6, false, 0.8}, 100.0);  // a cartel: 0.6 of that 0.8
    CHECK(c.hash_rel_peak == 0.0);
    CHECK(c.owned_hash_rel_seconds == Approx(0.6 * 0.8 * 100.0));
}

TEST_CASE("rented hash: Bitcoin blocks come faster until the retarget catches up", "[unit]") {
    CHECK(bitcoin_seconds_for_blocks(AttackerHash{0.5, true, 1.0}, 1000) == Approx(1000 * 300.0));
    CHECK(bitcoin_seconds_for_blocks(AttackerHash{0.5, true, 1.0}, 3000) ==
          Approx(2016 * 300.0 + 984 * 600.0));
    CHECK(bitcoin_seconds_for_blocks(AttackerHash{0.5, false, 1.0}, 3000) == Approx(3000 * 600.0));
    // rel = 1: the first period lasts 2016 x 600 / 2 s, in which the rented hash finds rel x t /
    // 600.
    CHECK(bitcoin_blocks_in(1.0, 2016 * 300.0) == Approx(1008.0));
    CHECK(bitcoin_blocks_in(1.0, 2016 * 300.0 + 6000.0) == Approx(1008.0 + 5.0));
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

TEST_CASE("rented hash: the drivechain walk takes 1 - a of the time with rented hash (same votes)",
          "[unit]") {
    // The same seed draws the same ACK walk; rented hash only shortens each block to 600 (1 - a) s
    // (the walk here is shorter than a retarget period), while a cartel's blocks keep 600 s.
    models::layer2::Layer2Params p;
    p.layer2.design = "drivechain";
    p.layer2.attack = "theft";
    p.attack.hash_share = 0.6;
    p.drivechain.ack_required = 100;
    p.drivechain.window_blocks = 400;
    sim::RunInput in;
    in.master_seed = 3;
    const auto cols = models::layer2::Layer2Model::outcome_columns(p);
    std::size_t dur = 0;
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == "attack_duration_s") dur = i;
    const double rented = models::layer2::Layer2Model::run(p, in).outcomes[dur];
    p.attack.rented = false;
    const double cartel = models::layer2::Layer2Model::run(p, in).outcomes[dur];
    CHECK(cartel > 100 * 600.0 - 1e-6);
    CHECK(rented == Approx(cartel * 0.4));
}
