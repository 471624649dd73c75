// See bitcoin_race.hpp.
#include "models/layer2/bitcoin_race.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/bitcoin/race_world.hpp"

namespace models::layer2 {

namespace {

constexpr double retarget_blocks =
    2016.0;  // Bitcoin Core chainparams: nPowTargetTimespan / nPowTargetSpacing

std::size_t race_column(const std::vector<sim::Column>& cols, const std::string& name) {
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return i;
    throw std::logic_error("race_columns() has no column " + name);
}

/// Column indices of the race outcomes, looked up by name once.
struct RaceIndex {
    std::size_t success, main_chain, revenue_share, confirm_block, sim_time, events, agents, blocks;
    RaceIndex() {
        const auto cols = bitcoin::race_columns();
        success = race_column(cols, "attack_success");
        main_chain = race_column(cols, "main_chain_blocks");
        revenue_share = race_column(cols, "attacker_revenue_share");
        confirm_block = race_column(cols, "censored_tx_confirm_block");
        sim_time = race_column(cols, "sim_time_s");
        events = race_column(cols, "events_processed");
        agents = race_column(cols, "agents");
        blocks = race_column(cols, "blocks");
    }
};

}  // namespace

bitcoin::BitcoinParams race_params(const AttackerHash& h, double block_interval_s,
                                   bool bitcoin_retarget) {
    bitcoin::BitcoinParams bp;
    bp.attacker.hash_share = h.share;
    bp.attacker.rented =
        h.rented;  // MiningProcess: rented keeps the honest rate; owned takes from it
    bp.chain.block_interval_s = block_interval_s;
    bp.chain.retarget = bitcoin_retarget;
    bp.chain.retarget_blocks = static_cast<std::int64_t>(retarget_blocks);
    return bp;
}

RaceOutcome read_race(const std::vector<double>& o) {
    static const RaceIndex at;
    RaceOutcome r;
    r.success = o.at(at.success) > 0.5;
    r.sim_time_s = o.at(at.sim_time);
    r.attacker_main_blocks = o.at(at.revenue_share) * o.at(at.main_chain);
    r.tx_confirm_block = o.at(at.confirm_block);
    r.engine.events_processed = static_cast<std::uint64_t>(o.at(at.events));
    r.engine.agents = static_cast<std::uint64_t>(o.at(at.agents));
    r.engine.blocks = static_cast<std::uint64_t>(o.at(at.blocks));
    return r;
}

}  // namespace models::layer2
