// See block_space.hpp. Within a block, higher fee rates go first; among victims, the earliest
// deadline (lowest index) first, which is also what a fee-bumping victim would pay for.
#include "models/layer2/block_space.hpp"

#include <algorithm>

#include "sim/random/distributions.hpp"

namespace models::layer2 {

BlockFill BlockSpace::mine(std::int64_t index, std::vector<PendingTx>& victims, double attacker_fee_rate) {
    BlockFill fill;
    double share = share_;
    if (share_sd_ > 0) share = std::clamp(sim::random::normal(rng_, share_, share_sd_), 0.0, 1.0);
    double competing = share * block_vbytes_;
    // Victims who can bump outbid what stands above them, up to their maximum.
    const double to_beat = std::max(attacker_fee_rate, competing > 0 ? competing_rate_ : 0.0);
    for (auto& v : victims)
        if (!v.done() && v.valid_from <= index && v.fee_rate_sat_vb <= to_beat && v.max_fee_rate_sat_vb > to_beat)
            v.fee_rate_sat_vb = std::min(v.max_fee_rate_sat_vb, to_beat + 1.0);
    double room = block_vbytes_;
    const auto take_competing = [&](double above_rate) {  // competing demand paying more than `above_rate`
        if (competing_rate_ > above_rate && competing > 0) {
            const double used = std::min(competing, room);
            fill.competing_vbytes += used;
            room -= used;
            competing -= used;
        }
    };
    const auto take_victims = [&](double above_rate) {
        for (auto& v : victims) {
            if (v.done() || v.valid_from > index || v.fee_rate_sat_vb <= above_rate) continue;
            const auto fit = std::min(v.count - v.confirmed, static_cast<std::int64_t>(room / v.vbytes));
            if (fit <= 0) break;  // in deadline order: the rest wait for the next block
            v.confirmed += fit;
            v.last_confirmed_in = index;
            room -= fit * v.vbytes;
            fill.victim_vbytes += fit * v.vbytes;
            fill.victim_fees_sat += fit * v.vbytes * v.fee_rate_sat_vb;
            if (!v.done()) break;
        }
    };
    // Fee-rate order: the attacker's filler, competing demand and victims, highest first.
    const double a = attacker_fee_rate;
    take_victims(std::max(a, competing_rate_));
    take_competing(a);
    if (a > 0) {
        take_victims(a);
        fill.attacker_vbytes = room;
        fill.attacker_fees_sat = room * a;
        room = 0;
    }
    take_victims(competing_rate_);
    take_competing(-1.0);
    take_victims(-1.0);
    return fill;
}

}  // namespace models::layer2
