// Connecting a block's transactions to a chain state, all or nothing, and disconnecting it again
// for a reorg (Bitcoin Core validation.cpp ConnectBlock / DisconnectBlock with their undo data).
// Transactions are checked in block order against the state so far, so a later transaction may
// spend an earlier one's output, and a second spend of one output is a missing input.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "models/bitcoin/tx/consensus.hpp"
#include "models/bitcoin/tx/utxo_set.hpp"

namespace models::bitcoin {

/// What a connected block changed, in order: each step either spent a coin (kept here to restore)
/// or created one (to remove). Undoing walks the steps backwards, so an output created and spent
/// inside the same block comes and goes in the right order.
struct UndoStep {
    Outpoint outpoint;
    std::optional<Coin> spent;  ///< the coin a spend removed; empty for a creation
};

struct BlockUndo {
    std::vector<UndoStep> steps;
};

struct ConnectResult {
    std::optional<BlockUndo> undo;  ///< set when the block was connected
    std::optional<Reject> reject;   ///< set when it was not; the state is then unchanged
    std::size_t failed_tx = 0;      ///< index of the rejected transaction in the block
    bool ok() const { return undo.has_value(); }
};

/// Connects `txs` as a block at `ctx`. On a rejection nothing is changed.
ConnectResult connect_block(UtxoSet& coins, std::span<const Transaction> txs,
                            const BlockContext& ctx);

/// Undoes a connected block (the last one connected first, as a reorg walks back).
void disconnect_block(UtxoSet& coins, const BlockUndo& undo);

}  // namespace models::bitcoin
