// The unspent outputs of one chain state: outpoint -> the output, the height it confirmed at and
// the median time past BIP68 counts from. A block is connected and disconnected against it
// (block_connect.hpp), so a reorg undoes exactly what a block did.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "models/bitcoin/tx/lock_time.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

struct Coin {
    TxOut output;
    CoinTime confirmed;  ///< the block that created it: its height, and the MTP before it
};

struct OutpointHash {
    std::size_t operator()(const Outpoint& o) const {
        // splitmix64 finaliser over (tx, index): ids are small consecutive integers.
        std::uint64_t x = o.tx * 0x9E3779B97F4A7C15ull + o.index;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return static_cast<std::size_t>(x ^ (x >> 31));
    }
};

class UtxoSet {
public:
    /// The unspent coin at `o`, or null when it does not exist or was spent.
    const Coin* find(const Outpoint& o) const {
        auto it = coins_.find(o);
        return it == coins_.end() ? nullptr : &it->second;
    }
    bool contains(const Outpoint& o) const { return coins_.contains(o); }
    std::size_t size() const { return coins_.size(); }

    /// Adds a coin (also how outputs created outside the model, e.g. a funding wallet's coins,
    /// enter). Returns false, changing nothing, when the outpoint is already unspent.
    bool add(const Outpoint& o, Coin coin) { return coins_.emplace(o, std::move(coin)).second; }

    /// Removes and returns the coin, or none when it is not unspent.
    std::optional<Coin> spend(const Outpoint& o) {
        auto it = coins_.find(o);
        if (it == coins_.end()) return std::nullopt;
        Coin c = std::move(it->second);
        coins_.erase(it);
        return c;
    }

    /// Adds every output of `tx` as confirmed at `when`.
    void add_outputs(const Transaction& tx, const CoinTime& when) {
        for (std::uint32_t i = 0; i < tx.outputs.size(); ++i)
            add(Outpoint{tx.id, i}, Coin{tx.outputs[i], when});
    }

private:
    std::unordered_map<Outpoint, Coin, OutpointHash> coins_;
};

}  // namespace models::bitcoin
