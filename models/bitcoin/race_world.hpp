// The consensus race without a network: one shared block store, the honest nodes' common view
// (gamma decides which side of a tie honest hash mines on, Eyal and Sirer 2014 §4), and the
// attacker's private tip. Attack strategies drive it; honest miners never branch on who attacks.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "models/bitcoin/block_store.hpp"
#include "models/bitcoin/chain_view.hpp"
#include "models/bitcoin/mining_process.hpp"
#include "sim/core/simulation.hpp"
#include "sim/model/model.hpp"

namespace models::bitcoin {

/// What a strategy reports at the end of a run (NaN where it does not apply).
struct AttackResult {
    bool success = false;
    double time_to_success_s = std::numeric_limits<double>::quiet_NaN();
    double tx_confirm_block = std::numeric_limits<double>::quiet_NaN();
    double attack_duration_s = 0.0;  ///< how long the attacker mined for the attack
};

class RaceWorld {
public:
    RaceWorld(const BitcoinParams& p, const sim::StreamFactory& streams);

    const BitcoinParams& params;
    BlockStore store;
    ChainView honest;
    double now_s = 0.0;
    std::uint64_t blocks_found = 0;
    std::uint64_t events_processed = 0;  ///< engine events of the run (run_race sets it)
    bool tx_broadcast = false;  ///< honest blocks include the tx when their chain lacks it

    /// An honest block on the public tip, or on the tie rival with probability gamma.
    BlockId mine_honest();
    BlockId mine_attacker(BlockId parent);
    /// Shows `block` (and its ancestors) to the honest nodes.
    void publish(BlockId block);

private:
    sim::RngStream tie_rng_;
};

enum class Purpose : std::uint32_t { mining = 1, ties = 2, network = 3, latency = 4, topology = 5 };

struct BlockFound {
    bool by_attacker;
};

/// Common outcome columns of every Bitcoin run, the per-run engine statistics last.
std::vector<sim::Column> race_columns();
/// Fills the common outcomes from the final state.
std::vector<double> race_outcomes(const RaceWorld& w, const AttackResult& r, double attacker_rate_share);

/// Runs one replication with `Strategy` deciding where the attacker mines and what it publishes.
template <class Strategy>
sim::RunOutput run_race(const BitcoinParams& p, const sim::RunInput& in) {
    const sim::StreamFactory streams(in.master_seed, in.stream_run);
    RaceWorld world(p, streams);
    Strategy strategy(p, world);
    MiningProcess mining(p.chain, p.attacker, streams.make({0, static_cast<std::uint32_t>(Purpose::mining)}));
    sim::Simulation<BlockFound> simulation(streams);
    const auto schedule = [&] {
        const auto n = mining.next();
        simulation.schedule_in(sim::from_seconds(n.delay_s), sim::EntityId{0}, BlockFound{n.by_attacker});
    };
    schedule();
    const auto horizon = static_cast<std::uint64_t>(p.run.blocks);
    world.events_processed = simulation.run_until(sim::tick_max, [&](sim::EntityId, BlockFound& found) {
        world.now_s = simulation.now_seconds();
        if (found.by_attacker) strategy.on_attacker_block(world.mine_attacker(strategy.attacker_parent(world)), world);
        else strategy.on_honest_block(world.mine_honest(), world);
        mining.on_main_height(world.honest.height(), world.now_s);
        const bool timed_out = p.attacker.give_up_time_s > 0.0 && world.now_s >= p.attacker.give_up_time_s;
        if (++world.blocks_found >= horizon || strategy.done(world) || timed_out) simulation.stop();
        else schedule();
    });
    strategy.finish(world);
    return {race_outcomes(world, strategy.result(), mining.attacker_rate() / mining.total_rate()), {}};
}

}  // namespace models::bitcoin
