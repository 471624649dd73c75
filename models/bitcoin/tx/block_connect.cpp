// Block connection with undo data (see block_connect.hpp).
#include "models/bitcoin/tx/block_connect.hpp"

namespace models::bitcoin {

namespace {

void apply(UtxoSet& coins, const Transaction& tx, const BlockContext& ctx, BlockUndo& undo) {
    for (const TxIn& in : tx.inputs)
        undo.steps.push_back(UndoStep{in.prevout, coins.spend(in.prevout)});
    const CoinTime when{ctx.height, ctx.mtp_s};
    for (std::uint32_t i = 0; i < tx.outputs.size(); ++i) {
        const Outpoint o{tx.id, i};
        if (coins.add(o, Coin{tx.outputs[i], when}))
            undo.steps.push_back(UndoStep{o, std::nullopt});
    }
}

}  // namespace

ConnectResult connect_block(UtxoSet& coins, std::span<const Transaction> txs,
                            const BlockContext& ctx) {
    BlockUndo undo;
    for (std::size_t t = 0; t < txs.size(); ++t) {
        if (auto reject = check_transaction(txs[t], coins, ctx)) {
            disconnect_block(coins, undo);
            return ConnectResult{std::nullopt, std::move(reject), t};
        }
        apply(coins, txs[t], ctx, undo);
    }
    return ConnectResult{std::move(undo), std::nullopt, 0};
}

void disconnect_block(UtxoSet& coins, const BlockUndo& undo) {
    for (auto it = undo.steps.rbegin(); it != undo.steps.rend(); ++it) {
        if (it->spent)
            coins.add(it->outpoint, *it->spent);
        else
            coins.spend(it->outpoint);
    }
}

}  // namespace models::bitcoin
