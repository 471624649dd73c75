// The world's block space and its mempool rule sets, reached by a small test agent that
// broadcasts individual transactions through World::broadcast and lets the pools mine them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/bitcoin/world/world.hpp"

namespace btc = models::bitcoin;

namespace {

/// One agent that acts once, at the start, and then only watches (the World::run interface).
struct StartOnlyAgent {
    std::function<void(btc::World&)> start;

    std::size_t size() const { return 1; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(btc::World& w) { start(w); }
    void on_block(std::size_t, btc::Height, btc::World&) {}
    void on_wake(std::size_t, std::uint32_t, btc::World&) {}
    bool done(const btc::World&) const { return false; }
};

/// A key, a pk() policy it satisfies and the satisfying path.
struct Wallet {
    btc::policy::SymbolTable symbols;
    std::shared_ptr<const btc::policy::Policy> pk;
    btc::policy::Path path;

    Wallet() {
        auto r = btc::policy::parse("pk(test_agent)", symbols);
        REQUIRE(r.ok());
        pk = std::make_shared<const btc::policy::Policy>(std::move(*r.policy));
        btc::policy::Assets assets;
        assets.keys = {symbols.key("test_agent")};
        auto p = btc::policy::satisfy(*pk, assets);
        REQUIRE(p);
        path = *p;
    }

    /// A spend of `coin` (holding `value`) into `outputs` equal outputs at `rate_sat_vb`.
    btc::Transaction spend(btc::TxId id, btc::Outpoint coin, btc::Sat value, int outputs,
                           double rate_sat_vb) const {
        const auto build = [&](btc::Sat fee) {
            btc::TxBuilder b(id);
            b.spend(coin, btc::TxOut{value, pk}, path);
            const btc::Sat each{(value - fee).value / outputs};
            for (int o = 0; o < outputs; ++o) b.pay(each, pk);
            return b.build();
        };
        return build(btc::FeeRate{rate_sat_vb}.fee_for(build(btc::Sat{0}).weight));
    }
};

btc::WorldParams quiet_world(std::int64_t horizon_blocks, const std::string& rules = "core_v28") {
    btc::WorldParams p;
    p.demand.arrival_vb_per_s = 0.0;
    p.horizon_blocks = horizon_blocks;
    p.mempool.rules = rules;
    return p;
}

/// Broadcasts `n` independent transactions (each spending its own confirmed coin into `outputs`
/// outputs, at one fee rate); returns their weight (all equal) and how many the world accepted.
struct Batch {
    btc::Weight weight;
    std::int64_t accepted = 0;
};

Batch broadcast_batch(btc::World& w, const Wallet& wallet, int n, int outputs) {
    Batch b;
    for (int i = 0; i < n; ++i) {
        const btc::Outpoint coin{w.next_txid(), 0};
        const btc::Sat value = btc::from_btc(0.01);
        w.add_coin(coin, btc::TxOut{value, wallet.pk}, 0);
        const auto tx = wallet.spend(w.next_txid(), coin, value, outputs, 5.0);
        if (b.weight.wu != 0) REQUIRE(tx.weight == b.weight);
        b.weight = tx.weight;
        if (w.broadcast(tx).accepted()) ++b.accepted;
    }
    return b;
}

std::int64_t modelled_confirmed(const btc::World& w) {
    std::int64_t n = 0;
    for (const auto& block : w.blocks()) n += static_cast<std::int64_t>(block.modelled.size());
    return n;
}

}  // namespace

// Why the simulation cannot simply reproduce min(N, T x floor(3,996,000 / w)): nothing in the
// world computes a capacity. The agent's transactions pass the world's acceptance (inputs exist,
// witnesses satisfy their policies) and the mempool's; each pool's template fills a block in
// fee-rate order with Bitcoin Core's stop rule (node/miner.cpp), the world connects them through
// the consensus check, and the count is read from the blocks. A template that stopped early, a
// mempool that dropped transactions, or a block limit off by the coinbase reserve moves the count.
TEST_CASE("World: N transactions of weight w confirm min(N, T x floor(3,996,000 / w)) in T blocks",
          "[unit][world]") {
    const Wallet wallet;
    struct Case {
        int n;
        int outputs;
        std::int64_t blocks;
    };
    for (const Case c : {Case{20000, 1, 1}, Case{20000, 1, 3}, Case{3000, 20, 2}, Case{2500, 20, 4},
                         Case{500, 3, 2}}) {
        const auto params = quiet_world(c.blocks);
        btc::World world(params,
                         sim::StreamFactory(11, static_cast<std::uint64_t>(c.n + c.outputs)));
        Batch batch;
        StartOnlyAgent agent{
            [&](btc::World& w) { batch = broadcast_batch(w, wallet, c.n, c.outputs); }};
        world.run(agent);
        REQUIRE(batch.accepted == c.n);
        const std::int64_t per_block = 3'996'000 / batch.weight.wu;
        const std::int64_t expected = std::min<std::int64_t>(c.n, c.blocks * per_block);
        INFO("n " << c.n << " weight " << batch.weight.wu << " blocks " << c.blocks);
        CHECK(world.stats().blocks == static_cast<std::uint64_t>(c.blocks));
        CHECK(modelled_confirmed(world) == expected);
        CHECK(world.stats().txs_confirmed == static_cast<std::uint64_t>(expected));
        // Every block but the last partial one holds exactly per_block of them.
        for (const auto& block : world.blocks())
            CHECK(static_cast<std::int64_t>(block.modelled.size()) <= per_block);
        CHECK(static_cast<std::int64_t>(world.mempool().size()) == c.n - expected);
    }
}

namespace {

/// A chain of `length` transactions, each spending the previous one's output, all unconfirmed.
std::int64_t chain_accepted(const std::string& rules, int length) {
    const Wallet wallet;
    const auto params = quiet_world(1, rules);
    btc::World world(params, sim::StreamFactory(5, 0));
    std::int64_t accepted = 0;
    StartOnlyAgent agent{[&](btc::World& w) {
        btc::Outpoint coin{w.next_txid(), 0};
        btc::Sat value = btc::from_btc(1.0);
        w.add_coin(coin, btc::TxOut{value, wallet.pk}, 0);
        for (int i = 0; i < length; ++i) {
            const auto tx = wallet.spend(w.next_txid(), coin, value, 1, 5.0);
            if (!w.broadcast(tx).accepted()) break;
            ++accepted;
            coin = btc::Outpoint{tx.id, 0};
            value = tx.outputs[0].value;
        }
    }};
    world.run(agent);
    return accepted;
}

/// Whether a transaction at `rate_sat_vb` enters the mempool under `rules`.
bool accepts_rate(const std::string& rules, double rate_sat_vb) {
    const Wallet wallet;
    const auto params = quiet_world(1, rules);
    btc::World world(params, sim::StreamFactory(5, 1));
    bool ok = false;
    StartOnlyAgent agent{[&](btc::World& w) {
        const btc::Outpoint coin{w.next_txid(), 0};
        w.add_coin(coin, btc::TxOut{btc::from_btc(0.01), wallet.pk}, 0);
        ok = w.broadcast(wallet.spend(w.next_txid(), coin, btc::from_btc(0.01), 1, rate_sat_vb))
                 .accepted();
    }};
    world.run(agent);
    return ok;
}

}  // namespace

// world.mempool.rules moves what the world accepts: the pre-cluster rules stop an unconfirmed
// chain at 25 (policy/policy.h DEFAULT_ANCESTOR_LIMIT), the cluster mempool at its cluster count
// (64, Bitcoin Core PR #33629); v29.1 lowered the relay floor to 0.1 sat/vB (PR #33106).
TEST_CASE("World: the mempool rule set decides chains and the relay floor", "[unit][world]") {
    CHECK(chain_accepted("core_v28", 30) == 25);
    CHECK(chain_accepted("core_v29_1", 30) == 25);
    CHECK(chain_accepted("core_v31", 30) == 30);
    CHECK(chain_accepted("core_v31", 70) == 64);
    CHECK_FALSE(accepts_rate("core_v28", 0.5));
    CHECK(accepts_rate("core_v29_1", 0.5));
}
