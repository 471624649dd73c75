// Transaction pinning (BIP125 rule 3 and the ancestor/descendant limits; the "pinning" threads
// on bitcoin-dev 2020-2022 and BIP431's motivation): the attacker broadcasts a presigned parent it
// shares with the victim (a Lightning counterparty's own commitment, which conflicts with the
// victim's) at a low fee, and hangs on it a large child at a low fee rate. The pair stays below
// what blocks take, yet a victim who wants to replace the parent must pay the absolute fee of
// all of it (rule 3), and the descendants fill the parent's descendant (pre-cluster) or cluster
// (cluster mempool) size allowance: the attacker chains descendants of at most 100,000 vB (the
// largest standard transaction) until `child_vbytes` in all, halving a piece relay refuses, so the
// pin is the largest the limits allow. Under TRUC (BIP431) the mempool refuses a child above 1,000
// vB of an unconfirmed version-3 parent; the attacker then pins with the largest child relay
// accepts. A zero-fee version-3 parent can only enter with its child, as a 1p1c package.
#pragma once

#include <cstdint>
#include <memory>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/world/world.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct PinParams {
    std::int64_t child_vbytes = 0;
    double fee_rate_sat_vb = 1.0;

    template <class V>
    void describe(V& v) {
        v.field("child_vbytes", child_vbytes, "vB",
                "vbytes of pinning descendants in all, chained in pieces of at most 100,000 vB (0: "
                "off)",
                sim::in_range(0, 1'000'000));
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "fee rate of the pinning child",
                sim::positive());
    }
};

class Pinner {
public:
    /// `parent` is broadcast as presigned; the child spends its output `index` with `assets` plus
    /// a coin of the attacker's (`own`, spendable with `own_key`) that pays the fee.
    Pinner(const PinParams& p, const bitcoin::Transaction& parent, std::uint32_t index,
           bitcoin::policy::Assets assets, std::shared_ptr<const bitcoin::policy::Policy> own,
           bitcoin::KeyId own_key);

    double latency_s(const bitcoin::World&) const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height, bitcoin::World&) {}

    bool parent_in() const { return parent_in_; }
    std::int64_t child_vbytes_accepted() const { return child_vb_; }
    bitcoin::Sat fees_confirmed(const bitcoin::World& w) const;
    std::int64_t vbytes_confirmed(const bitcoin::World& w) const;

private:
    /// A descendant spending output `index` of `parent` (and a fresh wallet coin), `vbytes` large.
    bitcoin::Transaction child(const bitcoin::Transaction& parent, std::uint32_t index,
                               std::int64_t vbytes, bitcoin::World& world) const;

    PinParams p_;
    const bitcoin::Transaction& parent_;
    std::uint32_t index_;
    bitcoin::policy::Assets assets_;
    std::shared_ptr<const bitcoin::policy::Policy> own_;
    bitcoin::KeyId own_key_;
    std::vector<bitcoin::Transaction> sent_;
    bool parent_in_ = false;
    std::int64_t child_vb_ = 0;
};

}  // namespace models::adversary
