// The honest party of a timelocked dispute: it watches blocks (after its reaction latency) and,
// once its path is valid, broadcasts its claim on the contested output; with the "bump" fee policy
// it replaces the claim at a higher fee rate after every block that did not confirm it (BIP125
// RBF; the scorched-earth defence of the Lightning specification, BOLT 5), up to a fee-rate cap.
// With "fixed" it keeps the rate it presigned (a watchtower's justice kit, a presigned HTLC tx).
#pragma once

#include <optional>
#include <string>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::layer2 {

struct ClaimantParams {
    double latency_s = 30.0;
    double fee_rate_sat_vb = 10.0;
    std::string fee_policy = "fixed";
    double bump_step_sat_vb = 10.0;
    double max_fee_rate_sat_vb = 500.0;

    template <class V>
    void describe(V& v) {
        v.field("latency_s", latency_s, "s", "block seen -> the party acts", sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "fee rate of the first claim", sim::positive());
        v.field("fee_policy", fee_policy, "-", "fixed: never re-signs; bump: RBF after every block that missed it",
                sim::one_of({"fixed", "bump"}));
        v.field("bump_step_sat_vb", bump_step_sat_vb, "sat/vB", "fee-rate increase per replacement", sim::positive());
        v.field("max_fee_rate_sat_vb", max_fee_rate_sat_vb, "sat/vB", "the party never bids above this",
                sim::positive());
    }
};

class Claimant {
public:
    Claimant(const ClaimantParams& params, const DisputeSetup& dispute, std::uint32_t claim_delay_blocks);

    double latency_s() const { return params_.latency_s; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height height, bitcoin::World& world);

    /// The claim that confirmed, if any.
    std::optional<bitcoin::TxId> confirmed(const bitcoin::World& world) const;
    std::uint32_t replacements() const { return replacements_; }
    /// The fee of a claim this party sent (zero for any other id).
    bitcoin::Sat fee_of(bitcoin::TxId id) const;

private:
    void broadcast(double fee_rate_sat_vb, bitcoin::World& world);

    ClaimantParams params_;
    const DisputeSetup& dispute_;
    std::uint32_t delay_blocks_;
    std::vector<std::pair<bitcoin::TxId, bitcoin::Sat>> sent_;  ///< every claim broadcast, with its fee
    bitcoin::TxId current_ = 0;
    double current_rate_ = 0.0;
    std::uint32_t replacements_ = 0;
};

}  // namespace models::layer2
