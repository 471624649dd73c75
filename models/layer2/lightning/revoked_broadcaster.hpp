// The thief of a revoked-state attack (BOLT 5 "Revoked Transaction Close Handling" is the
// defence): the counterparty broadcasts a commitment it has revoked, one that pays it more than
// the current state, and waits out to_self_delay to sweep its to_local along the delayed path.
// Its sweep can carry a timelocked bribe (Nadahalli, Khabbazian and Wattenhofer, FC 2021): the
// offer is published once the commitment confirms (valid from confirmation + to_self_delay), so
// pools that take bribes leave the justice transaction out until then. The world's bribe rule
// (world.pools.bribe_rule) decides what pools do with the offer.
#pragma once

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/sent_ledger.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::lightning {

struct ThiefParams {
    double bribe_btc = 0.0;
    double fee_rate_sat_vb = 20.0;

    template <class V>
    void describe(V& v) {
        v.field("bribe_btc", bribe_btc, "BTC",
                "fee of the thief's timelocked sweep, offered to pools as a bribe (0: no bribe)",
                sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB",
                "fee rate of the thief's revoked commitment (CPFP with anchors) and least rate of "
                "its sweep",
                sim::positive());
    }
};

class RevokedBroadcaster {
public:
    RevokedBroadcaster(const ThiefParams& p, ChannelKeys& keys, const Channel& channel);

    double latency_s(const bitcoin::World&) const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height height, bitcoin::World& world);

    bitcoin::TxId sweep_id() const { return sweep_id_; }
    bitcoin::Sat sweep_fee() const { return sweep_fee_; }
    /// Height the revoked commitment confirmed at.
    std::optional<bitcoin::Height> commitment_height(const bitcoin::World& w) const {
        return w.confirmed_at(channel_.commitment(false).id);
    }
    const SentLedger& ledger() const { return ledger_; }

private:
    bitcoin::Sat fee_needed(bitcoin::Weight w, const bitcoin::World& world) const;

    ThiefParams p_;
    ChannelKeys& keys_;
    const Channel& channel_;
    SentLedger ledger_;
    bitcoin::TxId sweep_id_ = 0;
    bitcoin::Sat sweep_fee_;
    bool in_mempool_ = false, offered_ = false, swept_ = false;
};

}  // namespace models::layer2::lightning
