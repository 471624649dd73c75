// Time dilation (Riard and Naumenko, "Time-Dilation Attacks on the Lightning Network", 2020, §4):
// an attacker who eclipses a node hands it each block a little later than the last, so the
// node's view of the chain falls further behind with every block. Here the delay is added to the
// eclipsed agent's reaction latency: the k-th block it sees reaches it k x dilation_s_per_block
// late, until the eclipse must end (eclipse_hours; after that the node catches up). No change to
// the world is needed: an agent's latency is asked at every block.
#pragma once

#include <algorithm>
#include <cstdint>

#include "sim/params/field.hpp"

namespace models::adversary {

struct TimeDilationParams {
    double dilation_s_per_block = 0.0;
    double eclipse_hours = 24.0;

    template <class V>
    void describe(V& v) {
        v.field("dilation_s_per_block", dilation_s_per_block, "s",
                "extra delay added to each further block the eclipsed node sees (0: off)",
                sim::non_negative());
        v.field("eclipse_hours", eclipse_hours, "h", "longest the attacker can hold the eclipse",
                sim::positive());
    }
};

class TimeDilation {
public:
    explicit TimeDilation(const TimeDilationParams& p) : p_(p) {}
    /// The delay of the next block the node sees, found at `now_s`; counts the block.
    double next_delay_s(double now_s) {
        if (p_.dilation_s_per_block <= 0.0 || now_s >= p_.eclipse_hours * 3600.0) return 0.0;
        ++blocks_;
        return static_cast<double>(blocks_) * p_.dilation_s_per_block;
    }

private:
    TimeDilationParams p_;
    std::uint64_t blocks_ = 0;
};

}  // namespace models::adversary
