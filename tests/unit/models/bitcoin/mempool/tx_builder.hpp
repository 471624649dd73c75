// Test helper: transactions of a given fee and virtual size spending given outpoints. Coins with
// ids from `confirmed_coin` up are outside the mempool, i.e. confirmed.
#pragma once

#include <initializer_list>

#include "models/bitcoin/mempool/mempool.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace mempool_test {

using namespace models::bitcoin;

inline constexpr TxId confirmed_coin = 1'000'000;

inline Outpoint coin(TxId n) {
    return Outpoint{confirmed_coin + n, 0};
}
inline Outpoint out(TxId tx, std::uint32_t index = 0) {
    return Outpoint{tx, index};
}

inline Transaction make_tx(TxId id, std::initializer_list<Outpoint> spends, std::int64_t fee_sat,
                           std::int64_t vsize_vb, int outputs = 2, std::int32_t version = 2) {
    Transaction t;
    t.id = id;
    t.version = version;
    for (const Outpoint& o : spends) t.inputs.push_back(TxIn{o, sequence_rbf_max, {}});
    t.outputs.resize(static_cast<std::size_t>(outputs), TxOut{Sat{1000}, nullptr});
    t.weight = from_vbytes(vsize_vb);
    t.fee = Sat{fee_sat};
    return t;
}

inline Transaction make_v3(TxId id, std::initializer_list<Outpoint> spends, std::int64_t fee_sat,
                           std::int64_t vsize_vb, int outputs = 2) {
    return make_tx(id, spends, fee_sat, vsize_vb, outputs, 3);
}

/// Why the mempool refused a submission (the default reason when it accepted it).
inline models::bitcoin::mempool::RejectReason reason_of(const models::bitcoin::mempool::AcceptResult& r) {
    return r.reject ? r.reject->reason : models::bitcoin::mempool::RejectReason{};
}

}  // namespace mempool_test
