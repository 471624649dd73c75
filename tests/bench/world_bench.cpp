// The speed target of the transaction-level world: 100,000 individual transactions submitted by
// an agent through World::broadcast (checked against the chain state and their policies),
// a tenth of them replaced by a higher-fee version (BIP125), mined by the pool agents into
// templates block after block and confirmed through the consensus check, with background
// demand arriving as engine events, on one core. Fee rates come from the agent's own stream.
#include "tests/bench/world_bench.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <vector>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/bitcoin/world/world.hpp"
#include "sim/random/distributions.hpp"

namespace {

namespace btc = models::bitcoin;

/// Broadcasts a batch of single transactions every `period_s`, each spending its own confirmed
/// coin, and replaces one in ten of the previous batch at a higher fee rate, until `total` have
/// been submitted; done once every surviving one has confirmed.
class Spammer {
public:
    Spammer(std::int64_t total, std::int64_t per_wake, double period_s)
        : total_(total), per_wake_(per_wake), period_s_(period_s), rng_(20'261'202, 0, 7) {
        auto r = btc::policy::parse("pk(bench)", symbols_);
        pk_ = std::make_shared<const btc::policy::Policy>(std::move(*r.policy));
        btc::policy::Assets assets;
        assets.keys = {symbols_.key("bench")};
        path_ = *btc::policy::satisfy(*pk_, assets);
    }

    std::size_t size() const { return 1; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(btc::World& w) { w.wake(0, 0.0, 0); }
    void on_block(std::size_t, btc::Height, btc::World&) {}
    void on_wake(std::size_t, std::uint32_t, btc::World& w) {
        std::vector<Sent> batch;
        for (const Sent& s : last_)
            if (submitted_ < total_ && rng_.uniform01() < 0.1 && w.mempool().contains(s.id)) {
                send(w, s.coin, s.rate + 5.0, batch, true);
            }
        for (std::int64_t i = 0; i < per_wake_ && submitted_ < total_; ++i) {
            const btc::Outpoint coin{w.next_txid(), 0};
            w.add_coin(coin, btc::TxOut{value_, pk_}, w.tip_height());
            send(w, coin, 2.0 + 18.0 * rng_.uniform01(), batch, false);
        }
        last_ = std::move(batch);
        if (submitted_ < total_) w.wake(0, period_s_, 0);
    }
    bool done(const btc::World& w) const {
        return submitted_ >= total_ &&
               w.stats().txs_confirmed - background_confirmed(w) >= accepted_ - replaced_;
    }

    std::int64_t submitted_ = 0, accepted_ = 0, replaced_ = 0;

private:
    struct Sent {
        btc::TxId id;
        btc::Outpoint coin;
        double rate;
    };

    static std::uint64_t background_confirmed(const btc::World& w) {
        std::uint64_t modelled = 0;
        for (const auto& b : w.blocks()) modelled += b.modelled.size();
        return w.stats().txs_confirmed - modelled;
    }

    void send(btc::World& w, btc::Outpoint coin, double rate, std::vector<Sent>& batch,
              bool replacing) {
        const auto build = [&](btc::Sat fee) {
            return btc::TxBuilder(w.next_txid())
                .spend(coin, btc::TxOut{value_, pk_}, path_)
                .pay(value_ - fee, pk_)
                .build();
        };
        if (weight_.wu == 0) weight_ = build(btc::Sat{0}).weight;
        const auto tx = build(btc::FeeRate{rate}.fee_for(weight_));
        ++submitted_;
        const auto r = w.broadcast(tx);
        if (!r.accepted()) return;
        ++accepted_;
        if (replacing) replaced_ += static_cast<std::int64_t>(r.replaced.size());
        batch.push_back(Sent{tx.id, coin, rate});
    }

    std::int64_t total_, per_wake_;
    double period_s_;
    sim::RngStream rng_;
    btc::policy::SymbolTable symbols_;
    std::shared_ptr<const btc::policy::Policy> pk_;
    btc::policy::Path path_;
    btc::Weight weight_;
    btc::Sat value_ = btc::from_btc(0.001);
    std::vector<Sent> last_;
};

}  // namespace

void bench_world() {
    fmt::print(
        "\nWorld: 100,000 agent transactions broadcast, 1 in 10 replaced, mined by pool agents and "
        "confirmed, with background demand, one core\n");
    btc::WorldParams p;
    p.horizon_blocks = 100'000;  // the agent's done() ends the run
    p.demand.arrival_vb_per_s = 1800.0;
    for (const char* rules : {"core_v28", "core_v31"}) {
        p.mempool.rules = rules;
        btc::World world(p, sim::StreamFactory(1, 0));
        Spammer agent(100'000, 200, 10.0);
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        world.run(agent);
        const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& st = world.stats();
        std::uint64_t modelled = 0;
        for (const auto& b : world.blocks()) modelled += b.modelled.size();
        fmt::print(
            "  {:<10} {:>7.2f} s wall {:>7.2f} s cpu  submitted {} accepted {} replaced {} "
            "agent-confirmed {} | blocks {} "
            "events {} txs_broadcast {} txs_confirmed {} (target <= 5 s)\n",
            rules, s, cpu, agent.submitted_, agent.accepted_, agent.replaced_, modelled, st.blocks,
            st.events_processed, st.txs_broadcast, st.txs_confirmed);
    }
}
