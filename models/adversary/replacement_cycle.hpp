// Replacement cycling (Riard, "All your mempool are belong to us", bitcoin-dev and lightning-dev,
// 16 October 2023; CVE-2023-40231 to 40234): whenever the victim's claim on a contested output is
// in the mempool, the attacker replaces it with its own spend of that output (the HTLC preimage
// path) joined to a coin of its own, paying more than the victim's claim (BIP125 rules 3, 4 and
// Core's rule 6); after `hold_s` (the time its spend needs to reach the miners' mempools) it
// replaces that spend with one of its own coin alone, paying more again. The contested output is
// then unspent in every mempool and the victim's claim is gone; the victim must rebroadcast. The
// attacker pays only for what confirms: its coin-only spends (and any preimage spend a block
// catches before the cycle-out). It stops when the next cycle would take its spent fees over
// `budget_sat`. It watches the mempool every `reaction_s`.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/world/world.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct ReplacementCycleParams {
    double budget_sat = 0.0;
    double reaction_s = 2.0;
    double hold_s = 2.0;

    template <class V>
    void describe(V& v) {
        v.field("budget_sat", budget_sat, "sat",
                "fees the attacker is ready to spend on cycles (0: off)", sim::non_negative());
        v.field("reaction_s", reaction_s, "s",
                "how often the attacker looks for the victim's claim in the mempool",
                sim::positive());
        v.field("hold_s", hold_s, "s",
                "how long its preimage spend stays in the mempool before the cycle-out",
                sim::positive());
    }
};

struct Contested {
    bitcoin::Outpoint outpoint;
    bitcoin::TxOut output;
};

class ReplacementCycler {
public:
    /// `assets` are what the attacker holds to spend the contested outputs (keys, preimage);
    /// `own` is the policy of its coins, spendable with `own_key`.
    ReplacementCycler(const ReplacementCycleParams& p, std::vector<Contested> contested,
                      bitcoin::policy::Assets assets,
                      std::shared_ptr<const bitcoin::policy::Policy> own, bitcoin::KeyId own_key,
                      bitcoin::Height stop_after);

    void set_index(bitcoin::AgentIndex i) { self_ = i; }
    double latency_s(const bitcoin::World&) const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height, bitcoin::World&) {}
    void on_wake(std::uint32_t tag, bitcoin::World& world);

    std::uint32_t cycles() const { return cycles_; }
    /// Fees of the attacker's transactions that confirmed, and their vbytes.
    bitcoin::Sat fees_confirmed(const bitcoin::World& w) const;
    std::int64_t vbytes_confirmed(const bitcoin::World& w) const;

private:
    void look(bitcoin::World& world);
    void cycle_out(bitcoin::World& world);
    bitcoin::Sat spent(const bitcoin::World& w) const;  ///< fees confirmed or still pending

    ReplacementCycleParams p_;
    std::vector<Contested> contested_;
    bitcoin::policy::Assets assets_;
    std::shared_ptr<const bitcoin::policy::Policy> own_;
    std::optional<bitcoin::policy::Path> own_path_;
    bitcoin::Height stop_after_;
    bitcoin::AgentIndex self_ = 0;
    std::vector<bitcoin::Transaction> sent_;
    /// The pending preimage spend and the coin it joined, waiting for its cycle-out.
    bitcoin::Transaction pending_;
    bitcoin::Outpoint coin_;
    bitcoin::TxOut coin_out_;
    bool holding_ = false;
    std::uint32_t cycles_ = 0;
};

}  // namespace models::adversary
