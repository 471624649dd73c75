// The satisfier and the consensus check agree on random policies. Independent mechanisms: the
// satisfier reasons about assets and a moment (height, median time past, age) with costed
// recursion; the consensus check evaluates the policy as a boolean against a built transaction's
// witness, nLockTime and nSequence, then checks finality and BIP68 against the chain state. A path
// the satisfier returns must build into a transaction consensus accepts at that moment, and when
// the satisfier finds none, no held minimal path (unpruned by time) may be accepted.
#include <catch2/catch.hpp>

#include "models/bitcoin/policy/paths.hpp"
#include "models/bitcoin/policy/print.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/consensus.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "tests/unit/models/bitcoin/policy/random_policy.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::policy;

namespace {

struct Trial {
    Policy policy;
    Assets assets;
    UtxoSet coins;
    Outpoint coin{1, 0};

    std::optional<Reject> spend_along(const Path& path) const {
        const Coin& c = *coins.find(coin);
        const Transaction tx =
            TxBuilder(2).spend(coin, c.output, path).pay(Sat{90'000}, pk(0)).build();
        return check_transaction(tx, coins, BlockContext{assets.height, assets.mtp_s});
    }

    bool holds(const Path& p) const {
        for (KeyId k : p.keys)
            if (!assets.keys.contains(k)) return false;
        for (PreimageId h : p.preimages)
            if (!assets.preimages.contains(h)) return false;
        return true;
    }
};

Trial random_trial(sim::RngStream& rng) {
    using policy_test::below;
    Trial t{policy_test::random_policy(rng, 3, 5, 2), {}, {}, {}};
    for (KeyId k = 0; k < 5; ++k)
        if (below(rng, 2)) t.assets.keys.insert(k);
    if (below(rng, 2)) t.assets.preimages.insert(0);
    t.assets.age_blocks = below(rng, 400);
    t.assets.height = t.assets.age_blocks + 1 + below(rng, 400);
    t.assets.mtp_s = 500'000'000 + below(rng, 1200);
    const Height confirmed = t.assets.height - t.assets.age_blocks;
    t.coins.add(t.coin, Coin{TxOut{Sat{100'000}, std::make_shared<const Policy>(t.policy)},
                             CoinTime{confirmed, 0}});
    return t;
}

}  // namespace

TEST_CASE("policy check: consensus accepts exactly what the satisfier says can be spent",
          "[unit]") {
    sim::RngStream rng(20261202, 0, 3);
    SymbolTable names;
    policy_test::declare_names(names, 5, 2);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 1500; ++i) {
        const Trial t = random_trial(rng);
        INFO(print(t.policy, names) << " at height " << t.assets.height << ", age "
                                    << t.assets.age_blocks << ", mtp " << t.assets.mtp_s);
        if (const auto path = satisfy(t.policy, t.assets)) {
            const auto reject = t.spend_along(*path);
            INFO((reject ? to_string(reject->reason) : "accepted"));
            CHECK_FALSE(reject);
            ++accepted;
            continue;
        }
        for (const Path& p : spending_paths(t.policy).paths)
            if (t.holds(p)) CHECK(t.spend_along(p).has_value());
        ++refused;
    }
    CHECK(accepted > 100);  // both sides of the property are exercised
    CHECK(refused > 100);
}
