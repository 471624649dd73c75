// See deposit_reorg.hpp.
#include "models/layer2/planner/deposit_reorg.hpp"

#include "models/attacks/double_spend.hpp"
#include "models/bitcoin/race_world.hpp"
#include "models/layer2/bitcoin_race.hpp"

namespace models::layer2::planner {

PlanOutcome run_reverse_deposit(const design::Design& d, const Plan& plan, const PlannerParams& params,
                                const sim::RunInput& in) {
    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    out.keys_obtained = true;
    const AttackerHash h{plan.race_hash_share, true, 1.0};
    bitcoin::BitcoinParams bp = race_params(h, 600.0, true);
    bp.attacker.strategy = "double_spend";
    bp.attacker.success_rule = "overtake";
    bp.attacker.give_up_deficit = params.race_give_up_deficit;
    bp.merchant.confirmations = d.deposit->credit_after_confirmations;
    bp.run.blocks = 10'000'000;
    const RaceOutcome r = read_race(bitcoin::run_race<attacks::DoubleSpend>(bp, in).outcomes);
    out.success = r.success;
    out.duration_s = r.sim_time_s;
    out.hash_share_s = h.rel_to_bitcoin_honest() * r.sim_time_s;
    // The race runs on the engine as block arrivals between the attacker's private chain and the
    // honest one (models/bitcoin/race_world.hpp); its blocks carry no transactions, so only its
    // events and blocks are counted.
    out.world.events_processed = r.engine.events_processed;
    out.world.blocks = r.engine.blocks;
    return out;
}

}  // namespace models::layer2::planner
