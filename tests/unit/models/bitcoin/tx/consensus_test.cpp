// The consensus check, fragment by fragment: for each of pk, thresh, and, or, older, after and
// sha256 a spend that satisfies the policy is accepted and one that violates it (a missing key, a
// threshold short by one, a timelock not yet reached) is rejected with a named reason. Then the
// transaction-level rules: finality, BIP68, double spends, values.
#include <catch2/catch.hpp>

#include "models/bitcoin/tx/lock_time.hpp"
#include "tests/unit/models/bitcoin/tx/spend_fixture.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::policy;
using tx_test::keys;
using tx_test::OneCoin;

namespace {
bool rejected_for(const std::optional<Reject>& r, RejectReason why) {
    INFO((r ? to_string(r->reason) : "accepted"));
    return r.has_value() && r->reason == why;
}
}  // namespace

TEST_CASE("consensus pk: the key's signature is needed", "[unit]") {
    const OneCoin w(pk(1), 100);
    CHECK_FALSE(w.check(w.spend(keys({1})), 101));
    CHECK(rejected_for(w.check(w.spend(keys({2})), 101), RejectReason::policy_not_satisfied));
    CHECK(rejected_for(w.check(w.spend(keys({})), 101), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus thresh: k signatures of n, one short is rejected", "[unit]") {
    const OneCoin w(thresh(2, {pk(1), pk(2), pk(3)}), 100);
    CHECK_FALSE(w.check(w.spend(keys({1, 3})), 101));
    CHECK_FALSE(w.check(w.spend(keys({1, 2, 3})), 101));
    CHECK(rejected_for(w.check(w.spend(keys({3})), 101), RejectReason::policy_not_satisfied));
    CHECK(rejected_for(w.check(w.spend(keys({3, 4})), 101), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus and: both subs", "[unit]") {
    const OneCoin w(all_of({pk(1), pk(2)}), 100);
    CHECK_FALSE(w.check(w.spend(keys({1, 2})), 101));
    CHECK(rejected_for(w.check(w.spend(keys({1})), 101), RejectReason::policy_not_satisfied));
    CHECK(rejected_for(w.check(w.spend(keys({2})), 101), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus or: either sub", "[unit]") {
    const OneCoin w(any_of({pk(1), pk(2)}), 100);
    CHECK_FALSE(w.check(w.spend(keys({1})), 101));
    CHECK_FALSE(w.check(w.spend(keys({2})), 101));
    CHECK(rejected_for(w.check(w.spend(keys({3})), 101), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus older: nSequence must carry the lock and the output be that old", "[unit]") {
    const OneCoin w(all_of({pk(1), older(144)}), 100);
    // The spend carries nSequence = 144 (BIP112); BIP68 then holds it until 100 + 144 = 244.
    const Transaction ok = w.spend(keys({1}), 144);
    CHECK(rejected_for(w.check(ok, 243), RejectReason::relative_lock));
    CHECK_FALSE(w.check(ok, 244));
    // A smaller nSequence fails OP_CHECKSEQUENCEVERIFY whatever the age.
    CHECK(
        rejected_for(w.check(w.spend(keys({1}), 143), 10'000), RejectReason::policy_not_satisfied));
    // So does a disabled relative lock or a time-based one.
    CHECK(rejected_for(w.check(w.spend(keys({1}), sequence_final), 10'000),
                       RejectReason::policy_not_satisfied));
    CHECK(rejected_for(w.check(w.spend(keys({1}), sequence_type_flag | 144), 10'000),
                       RejectReason::policy_not_satisfied));
    // And version 1 (BIP68/112 apply from version 2).
    Transaction v1 = ok;
    v1.version = 1;
    CHECK(rejected_for(w.check(v1, 10'000), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus after: nLockTime must reach the lock and be final in the block", "[unit]") {
    const OneCoin w(all_of({pk(1), after(800)}), 100);
    const Transaction ok = w.spend(keys({1}), sequence_rbf_max, 800);
    CHECK(rejected_for(w.check(ok, 800), RejectReason::non_final));  // IsFinalTx: 800 < height
    CHECK_FALSE(w.check(ok, 801));
    // nLockTime below the lock fails OP_CHECKLOCKTIMEVERIFY even when final.
    CHECK(rejected_for(w.check(w.spend(keys({1}), sequence_rbf_max, 799), 10'000),
                       RejectReason::policy_not_satisfied));
    // A final nSequence switches nLockTime off, so CLTV fails (BIP65).
    CHECK(rejected_for(w.check(w.spend(keys({1}), sequence_final, 800), 10'000),
                       RejectReason::policy_not_satisfied));
    // A time nLockTime does not meet a height lock.
    CHECK(rejected_for(
        w.check(w.spend(keys({1}), sequence_rbf_max, 600'000'000), 10'000, 700'000'000),
        RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus after: a time lock is compared with the median time past (BIP113)", "[unit]") {
    const OneCoin w(all_of({pk(1), after(1'700'000'000)}), 100);
    const Transaction ok = w.spend(keys({1}), sequence_rbf_max, 1'700'000'000);
    CHECK(rejected_for(w.check(ok, 900'000, 1'700'000'000), RejectReason::non_final));
    CHECK_FALSE(w.check(ok, 900'000, 1'700'000'001));
}

TEST_CASE("consensus sha256: the preimage is needed", "[unit]") {
    const OneCoin w(all_of({pk(1), sha256(5)}), 100);
    CHECK_FALSE(w.check(w.spend(Witness{{1}, {5}}), 101));
    CHECK(
        rejected_for(w.check(w.spend(Witness{{1}, {6}}), 101), RejectReason::policy_not_satisfied));
    CHECK(
        rejected_for(w.check(w.spend(Witness{{1}, {}}), 101), RejectReason::policy_not_satisfied));
}

TEST_CASE("consensus: transaction-level rules each reject with their reason", "[unit]") {
    const OneCoin w(pk(1), 100);
    Transaction tx = w.spend(keys({1}));
    Transaction missing = tx;
    missing.inputs[0].prevout = Outpoint{1, 7};
    CHECK(rejected_for(w.check(missing, 101), RejectReason::missing_input));
    Transaction twice = tx;
    twice.inputs.push_back(twice.inputs[0]);
    CHECK(rejected_for(w.check(twice, 101), RejectReason::duplicate_input));
    Transaction greedy = tx;
    greedy.fee = Sat{1'001};  // outputs 99,000 + fee 1,001 > input 100,000
    CHECK(rejected_for(w.check(greedy, 101), RejectReason::insufficient_value));
    Transaction negative = tx;
    negative.outputs[0].value = Sat{-1};
    CHECK(rejected_for(w.check(negative, 101), RejectReason::negative_output));
    Transaction empty = tx;
    empty.inputs.clear();
    CHECK(rejected_for(w.check(empty, 101), RejectReason::no_inputs));
    // A non-zero nLockTime is ignored when every input is final (IsFinalTx).
    CHECK_FALSE(w.check(w.spend(keys({1}), sequence_final, 5'000), 101));
    // An output without a policy is one nobody in the model can spend.
    OneCoin nobody(pk(1), 100);
    nobody.coins.spend(nobody.coin);
    nobody.coins.add(nobody.coin, Coin{TxOut{Sat{100'000}, nullptr}, CoinTime{100, 0}});
    CHECK(rejected_for(nobody.check(tx, 101), RejectReason::unspendable_output));
}

TEST_CASE("lock time: BIP68 time-based relative locks count 512 s from the coin's MTP", "[unit]") {
    Transaction tx;
    tx.inputs.push_back(TxIn{Outpoint{1, 0}, sequence_type_flag | 2, {}});
    const CoinTime coin{100, 1'000'000};
    // 2 units = 1024 s: met once the previous block's MTP exceeds 1,000,000 + 1024 - 1.
    CHECK_FALSE(relative_lock_met(tx, tx.inputs[0], coin, 200, 1'001'023));
    CHECK(relative_lock_met(tx, tx.inputs[0], coin, 200, 1'001'024));
    tx.version = 1;
    CHECK(relative_lock_met(tx, tx.inputs[0], coin, 200, 0));
}
