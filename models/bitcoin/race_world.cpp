// See race_world.hpp.
#include "models/bitcoin/race_world.hpp"

#include "models/run_stats.hpp"
#include "sim/random/distributions.hpp"

namespace models::bitcoin {

RaceWorld::RaceWorld(const BitcoinParams& p, const sim::StreamFactory& streams)
    : params(p), honest(store), tie_rng_(streams.make({0, static_cast<std::uint32_t>(Purpose::ties)})) {
    store.reserve(static_cast<std::size_t>(std::min<std::int64_t>(p.run.blocks, 4096)) + 64);
}

BlockId RaceWorld::mine_honest() {
    BlockId parent = honest.tip();
    const BlockId rival = honest.rival();
    // In a tie, a share gamma of honest hash mines on the attacker's block (Eyal and Sirer 2014).
    if (rival != no_block && store[rival].by_attacker && params.attacker.gamma > 0.0 &&
        sim::random::bernoulli(tie_rng_, params.attacker.gamma))
        parent = rival;
    const bool include = tx_broadcast && !store[parent].tx_in_chain;
    const BlockId b = store.add(parent, 0, now_s, false, include);
    honest.consider(b);
    return b;
}

BlockId RaceWorld::mine_attacker(BlockId parent) { return store.add(parent, 1, now_s, true, false); }

void RaceWorld::publish(BlockId block) { honest.consider(block); }

std::vector<sim::Column> race_columns() {
    using sim::ColumnType;
    std::vector<sim::Column> cols{
        {"attack_success", ColumnType::u8, "1", "1 if the attack reached its goal"},
        {"attacker_blocks", ColumnType::i64, "blocks", "blocks mined by the attacker (all branches)"},
        {"honest_blocks", ColumnType::i64, "blocks", "blocks mined by honest miners (all branches)"},
        {"main_chain_blocks", ColumnType::i64, "blocks", "height of the final main chain"},
        {"orphaned_blocks", ColumnType::i64, "blocks", "blocks not in the final main chain"},
        {"stale_rate", ColumnType::f64, "1", "orphaned / all blocks"},
        {"max_reorg_depth", ColumnType::i64, "blocks", "deepest reorg of the honest view"},
        {"attacker_revenue_share", ColumnType::f64, "1", "attacker's fraction of main-chain blocks"},
        {"attacker_hash_seconds", ColumnType::f64, "share*s", "attacker hash share x seconds it mined"},
        {"time_to_success_s", ColumnType::f64, "s", "simulated time until success (NaN if none)"},
        {"censored_tx_confirm_block", ColumnType::f64, "blocks",
         "main-chain position of the block confirming the tx (NaN if never)"},
        {"sim_time_s", ColumnType::f64, "s", "simulated time at the end of the run"},
    };
    // A race world has blocks but no transactions: one abstract tx is only a flag on blocks.
    const auto stats = run_stats_columns({
        "engine events this run processed (block discoveries; with the network, messages too)",
        "mining parties with hash (the honest miners as one, the attacker); with the network, nodes",
        "0: a race world has no transactions (the attacked tx is a flag on blocks)",
        "0: a race world has no transactions (the attacked tx is a flag on blocks)",
        "0: a race world has no transactions (the attacked tx is a flag on blocks)",
        "blocks found, orphaned ones included",
    });
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

std::vector<double> race_outcomes(const RaceWorld& w, const AttackResult& r, double attacker_share) {
    const auto main = w.store.main_chain(w.honest.tip());
    double attacker = 0, attacker_main = 0, main_blocks = 0;
    for (BlockId b = 1; b < w.store.size(); ++b) {
        attacker += w.store[b].by_attacker;
        if (main[b]) {
            ++main_blocks;
            attacker_main += w.store[b].by_attacker;
        }
    }
    const double all = static_cast<double>(w.store.size() - 1);
    const double duration = r.attack_duration_s > 0 ? r.attack_duration_s : w.now_s;
    std::vector<double> out{r.success ? 1.0 : 0.0,
            attacker,
            all - attacker,
            main_blocks,
            all - main_blocks,
            all > 0 ? (all - main_blocks) / all : 0.0,
            static_cast<double>(w.honest.max_reorg_depth()),
            main_blocks > 0 ? attacker_main / main_blocks : 0.0,
            attacker_share * duration,
            r.time_to_success_s,
            r.tx_confirm_block,
            w.now_s};
    RunStats stats;
    stats.events_processed = w.events_processed;
    stats.agents = attacker_share > 0.0 ? 2 : 1;
    stats.blocks = static_cast<std::uint64_t>(all);
    stats.append_to(out);
    return out;
}

}  // namespace models::bitcoin
