// The presigned transaction graph (see tx_graph.hpp).
#include "models/bitcoin/tx/tx_graph.hpp"

#include <stdexcept>

namespace models::bitcoin {

const Transaction& TxGraph::add(std::string name, Transaction tx) {
    if (contains(name)) throw std::invalid_argument("transaction '" + name + "' added twice");
    for (const auto& [other, t] : by_name_)
        if (t.id == tx.id)
            throw std::invalid_argument("transaction '" + name + "' reuses the id of '" + other +
                                        "'");
    order_.push_back(name);
    return by_name_.emplace(std::move(name), std::move(tx)).first->second;
}

const Transaction& TxGraph::at(std::string_view name) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end())
        throw std::out_of_range("no transaction '" + std::string(name) + "' in the graph");
    return it->second;
}

Outpoint TxGraph::outpoint(std::string_view name, std::uint32_t index) const {
    const Transaction& tx = at(name);
    if (index >= tx.outputs.size())
        throw std::out_of_range("transaction '" + std::string(name) + "' has no output " +
                                std::to_string(index));
    return Outpoint{tx.id, index};
}

const TxOut& TxGraph::output(std::string_view name, std::uint32_t index) const {
    return at(name).outputs.at(outpoint(name, index).index);
}

std::vector<std::string> TxGraph::spenders(const Outpoint& o) const {
    std::vector<std::string> out;
    for (const std::string& name : order_)
        for (const TxIn& in : by_name_.find(name)->second.inputs)
            if (in.prevout == o) {
                out.push_back(name);
                break;
            }
    return out;
}

}  // namespace models::bitcoin
