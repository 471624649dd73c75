// See bitcoin_race.hpp.
#include "models/layer2/bitcoin_race.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/bitcoin/race_world.hpp"

namespace models::layer2 {

namespace {

constexpr double bitcoin_block_s = 600.0;
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

void charge_hash(Record& r, const AttackerHash& h, double seconds) {
    r.hash_share = h.share;
    r.rented = h.rented;
    if (h.rented) {  // added hash, against the honest hash that keeps mining beside it
        r.hash_rel_peak = h.rel_to_bitcoin_honest();
        r.hash_rel_seconds = r.hash_rel_peak * seconds;
    } else {  // a cartel is part of the network it races: its share of that network's hash
        r.owned_hash_rel_seconds = h.share * h.honest_rel * seconds;
    }
}

double bitcoin_seconds_for_blocks(const AttackerHash& h, double blocks) {
    if (!h.rented) return blocks * bitcoin_block_s;
    const double fast = std::min(blocks, retarget_blocks);
    return fast * bitcoin_block_s * (1.0 - h.share) + (blocks - fast) * bitcoin_block_s;
}

double bitcoin_blocks_in(double rel, double seconds) {
    // First period: the honest network keeps 600 s, the rented hash adds rel / 600 s blocks; the
    // period of 2016 blocks ends after 2016 x 600 / (1 + rel) s. Then difficulty has caught up and
    // the rented hash finds its share rel / (1 + rel) of one block per 600 s.
    const double fast_s = retarget_blocks * bitcoin_block_s / (1.0 + rel);
    const double in_fast = std::min(seconds, fast_s);
    return rel * in_fast / bitcoin_block_s +
           rel / (1.0 + rel) * std::max(0.0, seconds - fast_s) / bitcoin_block_s;
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

void count_engine(Record& r, const RaceOutcome& race) {
    r.engine.events_processed += race.engine.events_processed;
    r.engine.agents = std::max(r.engine.agents, race.engine.agents);  // the same parties, race after race
    r.engine.blocks += race.engine.blocks;
}

}  // namespace models::layer2
