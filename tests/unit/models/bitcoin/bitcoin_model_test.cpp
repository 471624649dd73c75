// Model-level behaviour: strategies finish, outcomes are consistent, runs are reproducible, and
// difficulty retargeting restores the block interval after hash joins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/markov_exact.hpp"
#include "models/bitcoin/bitcoin_model.hpp"
#include "models/bitcoin/mining_process.hpp"

using namespace models::bitcoin;

namespace {
std::vector<double> run_once(const BitcoinParams& p, std::uint64_t run = 0) {
    sim::RunInput in;
    in.master_seed = 9;
    in.run = in.stream_run = run;
    return BitcoinModel::run(p, in).outcomes;
}

/// Outcome `name` of a run, read by column name (a new or reordered column cannot shift it).
double at(const BitcoinParams& p, const std::vector<double>& o, const std::string& name) {
    const auto cols = BitcoinModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return o.at(i);
    FAIL("no bitcoin outcome " << name);
    return 0.0;
}
}  // namespace

TEST_CASE("bitcoin: the same seed gives the same outcomes; another run differs", "[unit]") {
    BitcoinParams p;
    p.attacker.strategy = "selfish";
    p.attacker.hash_share = 0.3;
    p.run.blocks = 2000;
    const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
    };
    CHECK(same(run_once(p, 1), run_once(p, 1)));
    CHECK(!same(run_once(p, 1), run_once(p, 2)));
}

TEST_CASE("bitcoin: block counts add up and honest mining orphans nothing without a network", "[unit]") {
    BitcoinParams p;
    p.run.blocks = 500;
    const auto o = run_once(p);
    CHECK(at(p, o, "attacker_blocks") + at(p, o, "honest_blocks") == 500);
    CHECK(at(p, o, "main_chain_blocks") == 500);
    CHECK(at(p, o, "orphaned_blocks") == 0);
}

TEST_CASE("bitcoin: a rented majority reorgs d blocks and records the depth", "[unit]") {
    BitcoinParams p;
    p.attacker.strategy = "majority_reorg";
    p.attacker.hash_share = 0.6;
    p.attacker.rented = true;
    p.attacker.reorg_depth_blocks = 6;
    p.run.blocks = 100000;
    const auto o = run_once(p);
    CHECK(at(p, o, "attack_success") == 1);
    CHECK(at(p, o, "max_reorg_depth") >= 6);
    // hash share x seconds until success
    CHECK(at(p, o, "attacker_hash_seconds") == Approx(0.6 * at(p, o, "time_to_success_s")));
}

TEST_CASE("bitcoin: retargeting brings the interval back to 600 s after rented hash joins", "[unit]") {
    ChainParams chain;
    chain.retarget = true;
    AttackerParams attacker;
    attacker.strategy = "double_spend";
    attacker.hash_share = 0.5;
    attacker.rented = true;  // total hashrate doubles
    MiningProcess m(chain, attacker, sim::RngStream(1, 0, 0));
    double t = 0;
    std::uint32_t h = 0;
    for (int period = 0; period < 3; ++period)
        for (int i = 0; i < 2016; ++i) m.on_main_height(++h, t += m.next().delay_s);
    CHECK(m.difficulty() == Approx(2.0).epsilon(0.1));
}

TEST_CASE("closed forms: reference values of shared/reference/closed-forms.md", "[unit]") {
    namespace cf = models::attacks::closed_forms;
    CHECK(cf::double_spend_catch_up(0.3, 5) == Approx(0.19762).epsilon(1e-4));
    CHECK(cf::double_spend_catch_up(0.1, 6) == Approx(5.914e-4).epsilon(1e-3));
    CHECK(cf::double_spend_binomial_identity(0.3, 5) == Approx(cf::double_spend_catch_up(0.3, 5)));
    CHECK(cf::nakamoto_approximation(0.3, 5) == Approx(0.1773523).epsilon(1e-6));
    CHECK(cf::selfish_revenue(0.35, 0) == Approx(0.36651).epsilon(1e-4));
    CHECK(cf::selfish_revenue(0.4, 0) == Approx(0.48372).epsilon(1e-4));
    CHECK(cf::selfish_threshold(0.5) == Approx(0.25));
    CHECK(cf::feather_fork_win(0.3, 1) == Approx(0.09));
    CHECK(cf::censored_unconfirmed(0.3, 0, 4) == Approx(0.0081));
    // Confirmations for risk below 0.1%: 6 at q = 0.10, 13 at q = 0.20 (closed-forms.md).
    CHECK(cf::double_spend_catch_up(0.10, 6) < 1e-3);
    CHECK(cf::double_spend_catch_up(0.10, 5) > 1e-3);
    CHECK(cf::double_spend_catch_up(0.20, 13) < 1e-3);
    CHECK(cf::double_spend_catch_up(0.20, 12) > 1e-3);
}

TEST_CASE("markov chains: agree with the closed forms where both apply", "[unit]") {
    namespace cf = models::attacks::closed_forms;
    CHECK(models::attacks::double_spend_markov(0.3, 5, 400, false) == Approx(cf::double_spend_catch_up(0.3, 5)));
    CHECK(models::attacks::double_spend_markov(0.3, 5, 400, true) == Approx(cf::double_spend_overtake(0.3, 5)));
    CHECK(models::attacks::double_spend_markov(0.3, 5, 3, false) < cf::double_spend_catch_up(0.3, 5));
    CHECK(models::attacks::selfish_markov_revenue(0.35, 0.5, 300) == Approx(cf::selfish_revenue(0.35, 0.5)));
}
