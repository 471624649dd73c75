// A one-coin chain state and a spend of it, for consensus tests: the coin holds `value` under a
// policy and confirmed at a height; the spend pays value - fee to an unrelated key.
#pragma once

#include <memory>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/tx/consensus.hpp"
#include "models/bitcoin/tx/utxo_set.hpp"

namespace tx_test {

using namespace models::bitcoin;

inline constexpr Sat coin_value{100'000};
inline constexpr Sat spend_fee{1'000};

struct OneCoin {
    UtxoSet coins;
    Outpoint coin{1, 0};

    OneCoin(policy::Policy p, Height confirmed_at, std::int64_t mtp_before_s = 0) {
        coins.add(coin,
                  Coin{TxOut{coin_value, std::make_shared<const policy::Policy>(std::move(p))},
                       CoinTime{confirmed_at, mtp_before_s}});
    }

    /// A version-2 spend with the given witness; nSequence and nLockTime as given.
    Transaction spend(Witness w, std::uint32_t sequence = sequence_rbf_max,
                      std::uint32_t lock_time = 0) const {
        Transaction tx;
        tx.id = 2;
        tx.lock_time = lock_time;
        tx.inputs.push_back(TxIn{coin, sequence, std::move(w)});
        tx.outputs.push_back(
            TxOut{coin_value - spend_fee, std::make_shared<const policy::Policy>(policy::pk(99))});
        tx.fee = spend_fee;
        tx.weight = Weight{600};
        return tx;
    }

    std::optional<Reject> check(const Transaction& tx, Height h, std::int64_t mtp_s = 0) const {
        return check_transaction(tx, coins, BlockContext{h, mtp_s});
    }
};

inline Witness keys(std::vector<KeyId> k) {
    return Witness{std::move(k), {}};
}

}  // namespace tx_test
