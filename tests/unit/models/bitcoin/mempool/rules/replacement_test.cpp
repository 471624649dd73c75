// Conformance: replacement rules, cases after Bitcoin Core's test/functional/feature_rbf.py (v28
// for the pre-cluster rules, the v31 file for the cluster rules). Shapes and the constants that
// matter (MAX_REPLACEMENT_LIMIT = 100, incremental relay 1 sat/vB) are Core's; amounts are ours.
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

// feature_rbf.py test_simple_doublespend: the same fee is refused, a higher one replaces.
TEST_CASE("replacement: simple double spend (feature_rbf.py test_simple_doublespend)", "[unit]") {
    for (const auto& opts : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(opts);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 10'000'000, 200)).accepted());
        CHECK(!m.submit(make_tx(2, {coin(1)}, 10'000'000, 200)).accepted());
        const auto r = m.submit(make_tx(3, {coin(1)}, 20'000'000, 200));
        CHECK(r.accepted());
        CHECK(r.replaced == std::vector<TxId>{1});
    }
}

// feature_rbf.py test_doublespend_chain: replacing the root of a chain must pay for the whole
// chain (rule 3), whatever its own feerate.
TEST_CASE("replacement: rule 3 counts every descendant (test_doublespend_chain)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 10'000, 100)).accepted());
    for (TxId id = 2; id <= 10; ++id)
        REQUIRE(m.submit(make_tx(id, {out(id - 1)}, 10'000, 100)).accepted());
    const auto cheap = m.submit(make_tx(20, {coin(1)}, 99'999, 100));  // 1000 sat/vB, < 100,000
    CHECK(reason_of(cheap) == RejectReason::replacement_insufficient_fee);
    const auto paid = m.submit(make_tx(21, {coin(1)}, 100'100, 100));  // + 100 vB at 1 sat/vB
    REQUIRE(paid.accepted());
    CHECK(paid.replaced.size() == 10);
    CHECK(m.size() == 1);
}

// feature_rbf.py test_too_many_replacements (MAX_REPLACEMENT_LIMIT = 100): 101 spends of a
// confirmed splitting transaction cannot all be replaced at once, 100 can.
TEST_CASE("replacement: rule 5, at most 100 replaced (test_too_many_replacements)", "[unit]") {
    for (const auto& opts : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(opts);
        for (TxId i = 0; i <= 100; ++i)
            REQUIRE(m.submit(make_tx(1 + i, {out(confirmed_coin, static_cast<std::uint32_t>(i))},
                                     1'000, 100))
                        .accepted());
        Transaction all = make_tx(500, {}, 10'000'000, 5'000);
        for (std::uint32_t i = 0; i <= 100; ++i)
            all.inputs.push_back(TxIn{out(confirmed_coin, i), sequence_rbf_max, {}});
        CHECK(reason_of(m.submit(all)) == RejectReason::replacement_too_many);
        all.inputs.pop_back();  // 100 conflicts (v31: 100 clusters) is the limit, inclusive
        const auto r = m.submit(all);
        CHECK(r.accepted());
        CHECK(r.replaced.size() == 100);
    }
}

// feature_rbf.py test_replacement_feeperkb (Core's rule 6, pre-cluster): a larger replacement that
// pays more in total but less per vbyte is refused.
TEST_CASE("replacement: feerate must rise (test_replacement_feeperkb)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 10'000, 100)).accepted());  // 100 sat/vB
    const auto r = m.submit(make_tx(2, {coin(1)}, 60'000, 1'000));     // 60 sat/vB
    CHECK(reason_of(r) == RejectReason::replacement_feerate_not_higher);
}

// feature_rbf.py test_spends_of_conflicting_outputs: a replacement may not spend what it replaces.
TEST_CASE("replacement: cannot spend a conflict (test_spends_of_conflicting_outputs)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
    const auto r = m.submit(make_tx(2, {coin(1), out(1)}, 100'000, 200));
    CHECK(reason_of(r) == RejectReason::replacement_spends_conflict);
}

// feature_rbf.py test_new_unconfirmed_inputs: "are rejected" (v28, rule 2) became "may be
// accepted" (v31, where the diagram decides).
TEST_CASE(
    "replacement: new unconfirmed inputs, rule 2 then the diagram (test_new_unconfirmed_inputs)",
    "[unit]") {
    const auto run = [](MempoolOptions o) {
        Mempool m(o);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 10'000, 100)).accepted());
        REQUIRE(m.submit(make_tx(2, {coin(2)}, 10'000, 100)).accepted());  // unconfirmed coin
        return m.submit(make_tx(3, {coin(1), out(2)}, 30'000, 200));
    };
    CHECK(reason_of(run(MempoolOptions::core_v28())) == RejectReason::replacement_adds_unconfirmed);
    CHECK(run(MempoolOptions::core_v31()).accepted());
}

// feature_rbf.py test_opt_in with -mempoolfullrbf=0 (rule 1): a conflict that does not signal,
// directly or through an unconfirmed ancestor, cannot be replaced; full-RBF (default since v28)
// lifts the rule.
TEST_CASE("replacement: rule 1 signalling, and full-RBF (test_opt_in)", "[unit]") {
    MempoolOptions o = MempoolOptions::core_v28();
    o.full_rbf = false;
    Mempool m(o);
    auto final_seq = make_tx(1, {coin(1)}, 1'000, 100);
    final_seq.inputs[0].sequence = sequence_final - 1;  // 0xfffffffe: no signal
    REQUIRE(m.submit(final_seq).accepted());
    CHECK(reason_of(m.submit(make_tx(2, {coin(1)}, 50'000, 100))) ==
          RejectReason::replacement_not_signalled);
    auto inherits = make_tx(3, {out(4)}, 1'000, 100);  // does not signal, but its parent does
    inherits.inputs[0].sequence = sequence_final - 1;
    REQUIRE(m.submit(make_tx(4, {coin(4)}, 1'000, 100)).accepted());
    REQUIRE(m.submit(inherits).accepted());
    CHECK(m.submit(make_tx(5, {out(4)}, 50'000, 100)).accepted());
    Mempool full(MempoolOptions::core_v28());
    REQUIRE(full.submit(final_seq).accepted());
    CHECK(full.submit(make_tx(2, {coin(1)}, 50'000, 100)).accepted());
}

// Cluster rules (v31 release-notes-33629.md): the replacement is judged by the feerate diagram of
// the affected clusters. Dragging in a large low-feerate parent makes the diagram worse even though
// the replacement pays more in total; paying enough for the parent's chunk makes it better.
TEST_CASE("replacement: cluster rules judge by the feerate diagram", "[unit]") {
    Mempool m(MempoolOptions::core_v31());
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());      // A: 10 sat/vB
    REQUIRE(m.submit(make_tx(2, {coin(2)}, 10'000, 10'000)).accepted());  // U: 1 sat/vB
    const auto worse = m.submit(make_tx(3, {coin(1), out(2)}, 1'200, 100));
    CHECK(reason_of(worse) == RejectReason::replacement_diagram_not_better);
    const auto better = m.submit(make_tx(4, {coin(1), out(2)}, 100'000, 100));  // chunk 10.9 sat/vB
    CHECK(better.accepted());
    CHECK(better.replaced == std::vector<TxId>{1});
}
