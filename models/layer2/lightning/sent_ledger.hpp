// The transactions one agent broadcast, so a run can report what the agent paid: only fees of
// transactions that confirmed are paid (a replaced or evicted transaction costs nothing).
#pragma once

#include <cstdint>
#include <vector>

#include "models/bitcoin/world/world.hpp"

namespace models::layer2::lightning {

class SentLedger {
public:
    void add(const bitcoin::Transaction& tx) {
        sent_.push_back({tx.id, tx.fee, tx.weight.vbytes()});
    }
    bitcoin::Sat fees_confirmed(const bitcoin::World& w) const {
        bitcoin::Sat s;
        for (const auto& e : sent_)
            if (w.confirmed_at(e.id)) s += e.fee;
        return s;
    }
    std::int64_t vbytes_confirmed(const bitcoin::World& w) const {
        std::int64_t s = 0;
        for (const auto& e : sent_)
            if (w.confirmed_at(e.id)) s += e.vbytes;
        return s;
    }
    std::size_t size() const { return sent_.size(); }

private:
    struct Entry {
        bitcoin::TxId id;
        bitcoin::Sat fee;
        std::int64_t vbytes;
    };
    std::vector<Entry> sent_;
};

}  // namespace models::layer2::lightning
