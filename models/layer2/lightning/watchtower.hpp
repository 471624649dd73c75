// A watchtower (or the victim's own node) guarding a channel against a revoked commitment
// (BOLT 5, "Revoked Transaction Close Handling"; LND's wtclient, The Eye of Satoshi): it sees each
// block after its reaction latency (plus any time dilation an eclipse adds), is online for a given
// block with probability `availability`, and once it sees the revoked commitment confirmed it
// broadcasts the justice transaction, which spends the thief's to_local along the revocation
// path. "fixed": the justice kit was presigned at one fee rate (LND towers); "bump": it re-signs
// at a higher rate after every block that missed it (BIP125), up to a share of the value.
#pragma once

#include <cstdint>
#include <string>

#include "models/adversary/time_dilation.hpp"
#include "models/bitcoin/world/world.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/sent_ledger.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::lightning {

struct WatchtowerParams {
    double availability = 1.0;
    double latency_s = 30.0;
    double fee_rate_sat_vb = 10.0;
    std::string fee_policy = "fixed";
    double bump_step_sat_vb = 10.0;
    double max_fee_share = 0.5;

    template <class V>
    void describe(V& v) {
        v.field("availability", availability, "1",
                "probability the tower is online when a block reaches it", sim::in_range(0.0, 1.0));
        v.field("latency_s", latency_s, "s", "block found -> the tower acts", sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB",
                "fee rate of the first justice transaction", sim::positive());
        v.field("fee_policy", fee_policy, "-",
                "fixed: presigned justice kit; bump: RBF after every missed block",
                sim::one_of({"fixed", "bump"}));
        v.field("bump_step_sat_vb", bump_step_sat_vb, "sat/vB", "fee-rate increase per replacement",
                sim::positive());
        v.field("max_fee_share", max_fee_share, "1",
                "the tower never pays more than this share of the value", sim::in_range(0.0, 1.0));
    }
};

class Watchtower {
public:
    Watchtower(const WatchtowerParams& p, const adversary::TimeDilationParams& dilation,
               ChannelKeys& keys, const Channel& channel, sim::RngStream rng);

    double latency_s(const bitcoin::World& w) {
        return p_.latency_s + dilation_.next_delay_s(w.now_s());
    }
    void on_start(bitcoin::World&) {}
    void on_block(bitcoin::Height height, bitcoin::World& world);

    bool justice_confirmed(const bitcoin::World& w) const {
        return confirmed_ != 0 && w.confirmed_at(confirmed_);
    }
    std::optional<bitcoin::Height> justice_height(const bitcoin::World& w) const;
    const SentLedger& ledger() const { return ledger_; }

private:
    void broadcast(double rate, bitcoin::World& world);

    WatchtowerParams p_;
    adversary::TimeDilation dilation_;
    ChannelKeys& keys_;
    const Channel& channel_;
    sim::RngStream rng_;
    SentLedger ledger_;
    std::vector<bitcoin::TxId> sent_;
    bitcoin::TxId current_ = 0, confirmed_ = 0;
    double rate_ = 0.0;
};

}  // namespace models::layer2::lightning
