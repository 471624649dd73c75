// Per-run engine statistics that every model writes as ordinary outcome columns, so a reader can
// see from any results file how much a run acted on the engine: the events it processed, the
// agents that took part, the transactions broadcast, confirmed and replaced, and the blocks found.
// A model in which a quantity does not exist (no transactions in a race world, no blocks in PHOLD)
// writes 0 for it and says so in the column's description; what exists is counted.
// The transaction-level world keeps its own WorldStats (models/bitcoin/world/world_stats.hpp)
// with the same six names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/model.hpp"

namespace models {

struct RunStats {
    std::uint64_t events_processed = 0;
    std::uint64_t agents = 0;
    std::uint64_t txs_broadcast = 0;
    std::uint64_t txs_confirmed = 0;
    std::uint64_t txs_replaced = 0;
    std::uint64_t blocks = 0;

    /// Appends the values in the order of run_stats_columns().
    void append_to(std::vector<double>& outcomes) const {
        for (std::uint64_t v :
             {events_processed, agents, txs_broadcast, txs_confirmed, txs_replaced, blocks})
            outcomes.push_back(static_cast<double>(v));
    }
};

/// What each column means in one model (its long_name), in column order.
struct RunStatsMeaning {
    std::string events_processed, agents, txs_broadcast, txs_confirmed, txs_replaced, blocks;
};

inline std::vector<sim::Column> run_stats_columns(const RunStatsMeaning& m) {
    using sim::ColumnType;
    return {
        {"events_processed", ColumnType::u64, "events", m.events_processed},
        {"agents", ColumnType::u64, "agents", m.agents},
        {"txs_broadcast", ColumnType::u64, "txs", m.txs_broadcast},
        {"txs_confirmed", ColumnType::u64, "txs", m.txs_confirmed},
        {"txs_replaced", ColumnType::u64, "txs", m.txs_replaced},
        {"blocks", ColumnType::u64, "blocks", m.blocks},
    };
}

}  // namespace models
