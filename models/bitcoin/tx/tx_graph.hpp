// A presigned transaction graph as data: named transactions (funding, commitment, HTLC-success,
// HTLC-timeout, justice, ...) whose inputs point at each other's outputs. An agent or the planner
// asks which graph transactions spend an output (conflicting ways to claim it) and broadcasts the
// one its path allows; the consensus check decides when each is valid.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

class TxGraph {
public:
    /// Adds `tx` under `name`; throws std::invalid_argument on a repeated name or transaction id.
    const Transaction& add(std::string name, Transaction tx);

    const Transaction& at(std::string_view name) const;
    bool contains(std::string_view name) const { return by_name_.find(name) != by_name_.end(); }
    /// Output `index` of the transaction named `name`.
    Outpoint outpoint(std::string_view name, std::uint32_t index) const;
    const TxOut& output(std::string_view name, std::uint32_t index) const;

    /// Names of the graph's transactions that spend `o`, in the order they were added.
    std::vector<std::string> spenders(const Outpoint& o) const;
    const std::vector<std::string>& names() const { return order_; }

private:
    std::map<std::string, Transaction, std::less<>> by_name_;
    std::vector<std::string> order_;
};

}  // namespace models::bitcoin
