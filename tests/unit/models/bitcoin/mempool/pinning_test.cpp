// The pinning primitive (Lightning's HTLC pinning; see BIP431's motivation and the "pinning"
// discussion on bitcoin-dev, 2020-2022): a shared output (an HTLC on a confirmed commitment) can be
// spent by the victim after timeout or by the attacker with the preimage. The attacker spends it
// first with a large, low-feerate transaction and hangs a large low-feerate descendant on it.
// BIP125 rule 3 then makes the victim pay the absolute fee of all of it to replace it; with a
// bounded fee budget the victim is pinned. Under TRUC the same attack is bounded by the
// topology (10 kvB, a 1 kvB child), and 1p1c package relay lets the victim's zero-fee presigned
// claim enter with a fee-paying child and replace the attacker's pair by package RBF.
// The mempool settings are the same in both cases: only the transactions' version differs, so the
// outcome comes from the mempool rules, not from a switch.
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

namespace {

constexpr std::int64_t victim_budget_sat = 30'000;
const Outpoint htlc = coin(500);  // confirmed commitment's HTLC output

struct Attack {
    bool conflict_in = false, descendant_in = false;
};

/// The attacker's best pin under version `v`: the largest conflict and descendant relay accepts.
Attack pin(Mempool& m, std::int32_t v) {
    Attack a;
    a.conflict_in = m.submit(make_tx(10, {htlc}, 10'000, 10'000, 2, v)).accepted();  // 1 sat/vB
    a.descendant_in = m.submit(make_tx(11, {out(10)}, 90'000, 90'000, 2, v)).accepted();
    if (!a.descendant_in)  // TRUC refuses a 90 kvB child: fall back to the largest it allows
        a.descendant_in = m.submit(make_tx(12, {out(10)}, 1'000, 1'000, 2, v)).accepted();
    return a;
}

/// The victim's claim within its budget: the whole budget on a presigned claim, or (anchor style)
/// a zero-fee presigned claim with a child that spends the budget, submitted as a 1p1c package.
bool claim_accepted(Mempool& m, std::int32_t v, bool as_package) {
    if (!as_package) return m.submit(make_tx(20, {htlc}, victim_budget_sat, 300, 2, v)).accepted();
    const auto zero_fee = make_tx(21, {htlc}, 0, 300, 2, v);
    const auto bump = make_tx(22, {out(21)}, victim_budget_sat, 200, 2, v);
    return m.submit_package(zero_fee, bump).accepted();
}

}  // namespace

TEST_CASE("pinning: rule 3 pins a non-TRUC HTLC claim; TRUC plus 1p1c unpins it", "[unit]") {
    for (const auto& opts : {MempoolOptions::core_v28(), MempoolOptions::core_v31()})
        for (const bool as_package : {false, true}) {
            Mempool v2_pool(opts);
            const Attack a2 = pin(v2_pool, 2);
            CHECK(a2.conflict_in);
            CHECK(a2.descendant_in);
            CHECK(v2_pool.contains(11));  // the 90 kvB descendant: 100,000 sat to outbid
            CHECK(!claim_accepted(v2_pool, 2, as_package));
            CHECK(v2_pool.contains(10));  // pinned: the low-feerate conflict holds the output

            Mempool v3_pool(opts);
            const Attack a3 = pin(v3_pool, 3);
            CHECK(a3.conflict_in);
            CHECK(a3.descendant_in);
            CHECK(!v3_pool.contains(11));  // TRUC_CHILD_MAX_VSIZE refused the 90 kvB child
            CHECK(v3_pool.contains(12));   // the pin is at most 11,000 sat
            CHECK(claim_accepted(v3_pool, 3, as_package));
            CHECK(!v3_pool.contains(10));
            CHECK(!v3_pool.contains(12));
        }
}

TEST_CASE("pinning: the same budget unpins a non-TRUC claim when the attacker's pin is small",
          "[unit]") {
    // Control: rule 3 is what pins. A small conflict without a descendant is outbid by the same
    // budget, so the failure above is the attacker's absolute fee, not the claim itself.
    Mempool m;
    REQUIRE(m.submit(make_tx(10, {htlc}, 1'000, 1'000)).accepted());
    CHECK(claim_accepted(m, 2, false));
}
