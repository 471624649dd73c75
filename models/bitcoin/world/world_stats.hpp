// Per-run statistics of the transaction-level world, written as ordinary outcome columns so a
// reader can see that a run acted on the engine: how many events it processed, how many agents
// took part, how many transactions were broadcast, confirmed and replaced, and how many blocks.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/model.hpp"

namespace models::bitcoin {

struct WorldStats {
    std::uint64_t events_processed = 0;
    std::uint64_t agents = 0;
    std::uint64_t txs_broadcast = 0;   ///< accepted into the mempool, background chunks included
    std::uint64_t txs_confirmed = 0;
    std::uint64_t txs_replaced = 0;    ///< removed by a replacement (BIP125, package RBF, sibling eviction)
    std::uint64_t blocks = 0;

    static std::vector<sim::Column> columns();
    /// Appends the values in the order of columns().
    void append_to(std::vector<double>& outcomes) const;
};

inline std::vector<sim::Column> WorldStats::columns() {
    using sim::ColumnType;
    return {
        {"events_processed", ColumnType::u64, "events", "engine events this run processed"},
        {"agents", ColumnType::u64, "agents", "agents acting in the world (pools included)"},
        {"txs_broadcast", ColumnType::u64, "txs", "transactions accepted into the mempool"},
        {"txs_confirmed", ColumnType::u64, "txs", "transactions confirmed in blocks"},
        {"txs_replaced", ColumnType::u64, "txs", "transactions replaced in the mempool"},
        {"blocks", ColumnType::u64, "blocks", "blocks mined"},
    };
}

inline void WorldStats::append_to(std::vector<double>& outcomes) const {
    for (std::uint64_t v : {events_processed, agents, txs_broadcast, txs_confirmed, txs_replaced, blocks})
        outcomes.push_back(static_cast<double>(v));
}

}  // namespace models::bitcoin
