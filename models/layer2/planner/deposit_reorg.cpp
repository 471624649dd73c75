// See deposit_reorg.hpp.
#include "models/layer2/planner/deposit_reorg.hpp"

#include <functional>
#include <numeric>
#include <optional>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/planner/stage.hpp"

namespace models::layer2::planner {

namespace {

namespace pol = bitcoin::policy;

/// The depositor (agent 0) and the bridge that credits deposits (agent 1); both see a block as
/// soon as it moves the chain they follow.
class ReversalAgents {
public:
    ReversalAgents(const bitcoin::Outpoint& coin, const bitcoin::TxOut& coin_out, bitcoin::KeyId depositor,
                   std::shared_ptr<const pol::Policy> bridge, std::int64_t credit_after, double fee_rate_sat_vb)
        : coin_(coin), coin_out_(coin_out), depositor_(depositor), bridge_(std::move(bridge)),
          credit_after_(credit_after), fee_rate_sat_vb_(fee_rate_sat_vb) {}

    std::size_t size() const { return 2; }
    double latency_s(std::size_t) const { return 0.0; }

    void on_start(bitcoin::World& w) {
        deposit_ = w.next_txid();
        replacement_ = w.next_txid();
        w.broadcast(spend_to(deposit_, bridge_, w, at_rate()));
        // The rented pool's templates leave out every spend of the coin but its own replacement.
        w.orders().allowed.push_back(replacement_);
        w.fork_orders().publish_after_tx = deposit_;
        w.fork_orders().publish_after_confirmations = static_cast<std::uint32_t>(credit_after_);
    }

    void on_block(std::size_t i, bitcoin::Height h, bitcoin::World& w) {
        if (i == 1) {
            // The bridge credits a deposit once the chain it follows gives it its confirmations.
            if (const auto dh = w.confirmed_at(deposit_); dh && h + 1 >= *dh + credit_after_) credited_ = true;
            return;
        }
        if (!race_end_s_ && !w.fork_race_live()) race_end_s_ = w.now_s();
        // The published private chain took the deposit out of the chain and put it back in the
        // mempool: the depositor replaces it with a spend to itself before a block takes it again.
        if (credited_ && !replaced_ && !w.confirmed_at(deposit_) && w.coins().find(coin_) != nullptr) {
            const auto own = std::make_shared<const pol::Policy>(pol::pk(depositor_));
            const auto tx = spend_to(replacement_, own, w, [&](bitcoin::Weight wt) {
                return replacing_fee(wt, fee_rate_sat_vb_, coin_, replacement_, w.mempool());
            });
            replaced_ = w.broadcast(tx).accepted();
            if (replaced_) replacement_fee_ = tx.fee;
        }
    }
    void on_wake(std::size_t, std::uint32_t, bitcoin::World&) {}

    /// Decided once the race is over and the coin's spend confirmed: the deposit (the race lost
    /// or was given up) or the replacement (the deposit reversed).
    bool done(const bitcoin::World& w) const {
        return !w.fork_race_live() && (w.confirmed_at(deposit_) || w.confirmed_at(replacement_));
    }

    bitcoin::TxId deposit() const { return deposit_; }
    bitcoin::TxId replacement() const { return replacement_; }
    bool credited() const { return credited_; }
    std::optional<double> race_end_s() const { return race_end_s_; }
    bitcoin::Sat replacement_fee() const { return replacement_fee_; }

private:
    std::function<bitcoin::Sat(bitcoin::Weight)> at_rate() const {
        return [r = bitcoin::FeeRate{fee_rate_sat_vb_}](bitcoin::Weight wt) { return r.fee_for(wt); };
    }
    bitcoin::Transaction spend_to(bitcoin::TxId id, const std::shared_ptr<const pol::Policy>& payout,
                                  const bitcoin::World& w, const std::function<bitcoin::Sat(bitcoin::Weight)>& fee) const {
        pol::Assets a;
        a.keys = {depositor_};
        a.height = w.tip_height() + 1;
        return spend_along(id, coin_, coin_out_, a, payout, fee);
    }

    bitcoin::Outpoint coin_;
    bitcoin::TxOut coin_out_;
    bitcoin::KeyId depositor_;
    std::shared_ptr<const pol::Policy> bridge_;
    std::int64_t credit_after_;
    double fee_rate_sat_vb_;
    bitcoin::TxId deposit_ = 0, replacement_ = 0;
    bool credited_ = false, replaced_ = false;
    bitcoin::Sat replacement_fee_;
    std::optional<double> race_end_s_;
};

}  // namespace

PlanOutcome run_reverse_deposit(const design::Design& d, const Plan& plan, const PlannerParams& params,
                                const bitcoin::WorldParams& world_params, const sim::RunInput& in) {
    // The rented hash joins the pools as one more: q of the total while it mines, q / (1 - q) of
    // the honest network's hash, which keeps its own rate (so blocks come every block_interval_s
    // x (1 - q) at the honest network's difficulty). Budish 2018 prices it as rented hash x time.
    const double q = plan.race_hash_share;
    const double rented_rel = q / (1.0 - q);
    bitcoin::WorldParams wp = world_params;
    const double honest = std::accumulate(wp.pools.shares.begin(), wp.pools.shares.end(), 0.0);
    wp.pools.shares.push_back(honest * rented_rel);
    wp.block_interval_s = world_params.block_interval_s * (1.0 - q);
    // Ends once the race is decided; a bound only for a share that never falls behind.
    wp.horizon_blocks = 100'000;

    bitcoin::World world(wp, sim::StreamFactory(in.master_seed, in.stream_run));
    auto symbols = d.symbols;
    const bitcoin::KeyId depositor = symbols.key("__adversary");
    const auto bridge = std::make_shared<const pol::Policy>(pol::pk(symbols.key("__bridge")));
    const bitcoin::Outpoint coin{world.next_txid(), 0};
    const bitcoin::TxOut coin_out{bitcoin::from_btc(d.deposit->value_btc),
                                  std::make_shared<const pol::Policy>(pol::pk(depositor))};
    world.start_at_height(coin_height);
    world.add_coin(coin, coin_out, coin_height);
    const std::size_t rented = wp.pools.shares.size() - 1;
    world.control_pool(rented, true);
    world.orders().censored.push_back(coin);
    auto& f = world.fork_orders();
    f.strategy = bitcoin::ForkStrategy::private_race;
    f.race_from_height = coin_height;
    f.race_until_height = coin_height + 1;
    f.give_up_deficit_blocks = static_cast<std::uint32_t>(params.race_give_up_deficit);

    ReversalAgents agents(coin, coin_out, depositor, bridge, d.deposit->credit_after_confirmations,
                          params.theft_fee_rate_sat_vb);
    world.run(agents);

    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    out.keys_obtained = true;
    const bool reversed = world.confirmed_at(agents.replacement()).has_value() && !world.confirmed_at(agents.deposit());
    out.success = agents.credited() && reversed;
    // The hash is rented for the race alone: from the deposit to publication or give-up.
    out.duration_s = agents.race_end_s().value_or(world.now_s());
    out.hash_share_s = rented_rel * out.duration_s;
    // Block space the reversal paid for: the replacement's fee (a deposit that stays is no cost).
    out.block_space_sat = reversed ? static_cast<double>(agents.replacement_fee().value) : 0.0;
    out.world = world.stats();
    return out;
}

}  // namespace models::layer2::planner
