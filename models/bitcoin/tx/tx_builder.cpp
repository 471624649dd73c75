// The transaction builder (see tx_builder.hpp).
#include "models/bitcoin/tx/tx_builder.hpp"

#include "models/bitcoin/tx/lock_time.hpp"

namespace models::bitcoin {

TxBuilder& TxBuilder::spend(const Outpoint& prevout, const TxOut& spent, const policy::Path& path,
                            std::uint32_t sequence) {
    TxIn in;
    in.prevout = prevout;
    // older(n) needs nSequence >= n with the relative lock enabled and counting blocks (BIP112).
    in.sequence = path.older_blocks > 0 ? path.older_blocks : sequence;
    in.witness.keys = path.keys;
    in.witness.preimages = path.preimages;
    // after(n) needs nLockTime >= n, and a non-final nSequence so nLockTime is enforced (BIP65).
    if (path.after > 0) {
        lock_time(path.after);
        if (in.sequence == sequence_final) in.sequence = sequence_rbf_max;
    }
    tx_.inputs.push_back(std::move(in));
    in_sum_ += spent.value;
    witness_ += path.witness;
    return *this;
}

TxBuilder& TxBuilder::pay(Sat value, std::shared_ptr<const policy::Policy> policy) {
    tx_.outputs.push_back(TxOut{value, std::move(policy)});
    return *this;
}

TxBuilder& TxBuilder::pay(Sat value, policy::Policy policy) {
    return pay(value, std::make_shared<const policy::Policy>(std::move(policy)));
}

Transaction TxBuilder::build() const {
    Transaction tx = tx_;
    Sat out_sum{0};
    for (const TxOut& o : tx.outputs) out_sum += o.value;
    tx.fee = in_sum_ - out_sum;
    const auto n_in = static_cast<std::int64_t>(tx.inputs.size());
    const auto n_out = static_cast<std::int64_t>(tx.outputs.size());
    const std::int64_t base = tx_overhead_bytes + n_in * input_base_bytes + n_out * output_bytes;
    tx.weight = Weight{base * wu_per_vbyte + segwit_marker_bytes} + witness_;
    return tx;
}

}  // namespace models::bitcoin
