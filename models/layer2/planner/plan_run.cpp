// See plan_run.hpp.
#include "models/layer2/planner/plan_run.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "models/adversary/censor_outputs.hpp"
#include "models/adversary/key_theft.hpp"
#include "models/layer2/planner/stage.hpp"
#include "models/layer2/roles/exit_racer.hpp"
#include "models/layer2/roles/rotator.hpp"
#include "models/layer2/roles/slashing_watcher.hpp"

namespace models::layer2::planner {

namespace {

/// The agents of one spend plan, in the order the world shows them blocks.
class SpendAgents {
public:
    SpendAgents(adversary::KeyTheft& theft, roles::Rotator* rotator, roles::SlashingWatcher* slasher,
                roles::ExitRacer* exits, const Stage& stage, bitcoin::Sat bribe, std::uint32_t censor_blocks)
        : theft_(theft), rotator_(rotator), slasher_(slasher), exits_(exits), stage_(stage), bribe_(bribe),
          censor_blocks_(censor_blocks) {}

    std::size_t size() const { return 4; }
    double latency_s(std::size_t i) const {
        if (i == 1 && rotator_) return rotator_->latency_s();
        if (i == 2 && slasher_) return slasher_->latency_s();
        if (i == 3 && exits_) return exits_->latency_s();
        return 0.0;
    }
    void on_start(bitcoin::World& w) {
        theft_.on_start(w);
        // The timelocked bribe: every other spend of the coin is to be left out until the path
        // opens, when the theft (paying the bribe) becomes minable; each pool weighs it by its
        // template policy (world.pools.bribe_rule).
        if (bribe_ > bitcoin::Sat{0})
            w.orders().offers.push_back(bitcoin::BribeOffer{stage_.coin, theft_.txid(), stage_.opens_h, bribe_});
        if (rotator_) rotator_->on_start(1, w);
        if (exits_) exits_->on_start(3, w);
    }
    void on_block(std::size_t i, bitcoin::Height h, bitcoin::World& w) {
        if (i == 0) {
            // The adversary sees each block at once: after the censor_blocks-th block of the
            // run, the next block's template no longer leaves the rotation out.
            if (censor_blocks_ > 0 && h >= stage_.start_h + censor_blocks_ && !censor_lifted_s_) {
                std::erase(w.orders().censored, stage_.coin);
                censor_lifted_s_ = w.now_s();
            }
            theft_.on_block(h, w);
            if (slasher_ && theft_.txid() != 0) slasher_->watch_for(theft_.txid(), theft_.signers());
        } else if (i == 1 && rotator_) {
            rotator_->on_block(h, w);
        } else if (i == 2 && slasher_) {
            slasher_->on_block(h, w);
        } else if (i == 3 && exits_) {
            exits_->on_block(w);
        }
    }
    void on_wake(std::size_t i, std::uint32_t, bitcoin::World& w) {
        if (i == 1 && rotator_) rotator_->on_wake(w);
        if (i == 3 && exits_) exits_->on_wake(w);
    }
    /// When a censor_blocks censorship ended, if it did.
    std::optional<double> censor_lifted_s() const { return censor_lifted_s_; }
    /// Decided once the coin is spent and every bond a theft exposed is slashed or withdrawn.
    bool done(const bitcoin::World& w) const {
        if (w.coins().find(stage_.coin) != nullptr) return false;
        if (!w.confirmed_at(theft_.txid())) return true;  // rotated: the plan failed
        for (const Bond& b : stage_.bonds)
            if (std::find(theft_.signers().begin(), theft_.signers().end(), b.key) != theft_.signers().end() &&
                w.coins().find(b.coin) != nullptr)
                return false;
        return true;
    }

private:
    adversary::KeyTheft& theft_;
    roles::Rotator* rotator_;
    roles::SlashingWatcher* slasher_;
    roles::ExitRacer* exits_;
    const Stage& stage_;
    bitcoin::Sat bribe_;
    std::uint32_t censor_blocks_;
    std::optional<double> censor_lifted_s_;
};

std::vector<bitcoin::KeyId> honest_keys(const design::Design& d, const adversary::KeyholderDraws& draws,
                                        const std::vector<bitcoin::KeyId>& bribed) {
    std::vector<bitcoin::KeyId> out;
    for (const auto& g : d.key_groups)
        for (bitcoin::KeyId k : *d.symbols.group(g.name))
            if (draws.available[k] && std::find(bribed.begin(), bribed.end(), k) == bribed.end()) out.push_back(k);
    return out;
}

}  // namespace

PlanOutcome run_spend_plan(const design::Design& d, const Plan& plan, const PlannerParams& params,
                           const bitcoin::WorldParams& world_params, const adversary::KeyholderDraws& draws,
                           const sim::RunInput& in) {
    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    // A posted offer changes who sells and at what price, not who is reachable to act honestly.
    const auto corruption = adversary::cheapest_corruption(
        d,
        params.posted_bribe_btc > 0.0 ? adversary::at_posted_offer(draws, params.posted_bribe_btc)
                                      : draws,
        plan.keys_needed);
    out.keys_obtained = corruption.has_value();
    if (!corruption) return out;  // the adversary cannot sign: nothing to broadcast
    out.keys_btc = corruption->cost_btc;
    out.keys_corrupted = static_cast<double>(corruption->keys.size());

    // The run's length follows from the plan's heights, so it is set before the world exists.
    bitcoin::WorldParams wp = world_params;
    {
        const Stage probe = make_stage(d, plan, {}, {}, 0, 0);
        wp.horizon_blocks = static_cast<std::int64_t>(probe.opens_h - probe.start_h) +
                            std::max<std::int64_t>(params.after_window_blocks, d.bonds.unbond_blocks + 6);
    }
    bitcoin::World world(wp, sim::StreamFactory(in.master_seed, in.stream_run));
    const bitcoin::TxId coin_tx = world.next_txid();
    const bitcoin::TxId first_bond = world.next_txid();
    for (std::size_t i = 1; i < corruption->keys.size(); ++i) world.next_txid();
    const Stage stage = make_stage(d, plan, corruption->keys, corruption->bribed, coin_tx, first_bond);
    world.start_at_height(stage.start_h);
    world.add_coin(stage.coin, stage.coin_out, stage.confirmed_h);
    for (const Bond& b : stage.bonds) world.add_coin(b.coin, b.out, stage.start_h);

    const bitcoin::Sat bribe = bitcoin::from_btc(plan.bribe_btc);
    adversary::KeyTheft theft(stage, corruption->keys, params.theft_fee_rate_sat_vb, bribe);
    std::optional<roles::Rotator> rotator;
    if (const auto* w = d.watcher("rotate"); w && stage.rotate_h > 0)
        rotator.emplace(*w, stage, honest_keys(d, draws, corruption->bribed));
    std::optional<roles::SlashingWatcher> slasher;
    if (const auto* w = d.watcher("slash"); w && !stage.bonds.empty()) slasher.emplace(*w, stage);
    // Users' coins in the output (exit_coins): each leaves by its own exit if one confirms before
    // the theft; the theft takes only the rest.
    std::optional<roles::ExitRacer> exits;
    const auto& output = d.outputs[plan.output];
    if (const auto* w = d.watcher("exit"); w && output.exit_coins > 0) {
        const bitcoin::TxOut user_out{bitcoin::from_btc(output.value_btc / output.exit_coins),
                                      std::make_shared<const bitcoin::policy::Policy>(bitcoin::policy::pk(stage.exiting_user))};
        std::vector<bitcoin::Outpoint> coins;
        for (std::uint32_t i = 0; i < output.exit_coins; ++i) {
            coins.push_back(bitcoin::Outpoint{world.next_txid(), 0});
            world.add_coin(coins.back(), user_out, stage.confirmed_h);
        }
        exits.emplace(*w, output.exit_vbytes, std::move(coins), user_out, stage.exiting_user);
    }
    double censored_share = 0.0;
    if (plan.rotation_to_censor && plan.censor_share > 0.0)
        censored_share = adversary::censor_outputs(world, plan.censor_share, {stage.coin});

    SpendAgents agents(theft, rotator ? &*rotator : nullptr, slasher ? &*slasher : nullptr, exits ? &*exits : nullptr,
                       stage, bribe, plan.censor_blocks);
    world.run(agents);

    const auto theft_h = world.confirmed_at(theft.txid());
    out.success = theft_h.has_value();
    if (exits) {
        // What confirmed before the theft's block left; the theft takes what is still inside.
        const std::uint32_t left = exits->exited_before(world, theft_h.value_or(0));
        out.loot_btc = plan.loot_btc * static_cast<double>(exits->coins() - left) / static_cast<double>(exits->coins());
        out.success = out.success && left < exits->coins();
    }
    out.duration_s = world.now_s();
    // Censoring lasts until the coin is spent, by either side.
    double decided_s = world.now_s();
    for (const auto& b : world.blocks())
        if (world.coins().find(stage.coin) == nullptr &&
            std::find(b.modelled.begin(), b.modelled.end(), theft.txid()) != b.modelled.end())
            decided_s = b.time_s;
    if (rotator)
        if (auto r = rotator->confirmed(world))
            for (const auto& b : world.blocks())
                if (std::find(b.modelled.begin(), b.modelled.end(), *r) != b.modelled.end()) decided_s = b.time_s;
    if (auto lifted = agents.censor_lifted_s()) decided_s = std::min(decided_s, *lifted);
    out.hash_share_s = censored_share * decided_s;
    out.block_space_sat = static_cast<double>(theft.fees_confirmed(world).value);
    out.miner_bribes_sat = static_cast<double>(theft.bribe_paid(world).value);
    out.bonds_slashed_btc = slasher ? slasher->slashed(world, true).btc() : 0.0;
    out.world = world.stats();
    return out;
}

}  // namespace models::layer2::planner
