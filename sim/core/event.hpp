// An event as the engine sees it: when, in what order, for whom, and an opaque payload whose type
// the model supplies (usually a std::variant of plain structs). Order is total: (time, priority, seq).
#pragma once

#include <compare>
#include <cstdint>
#include <tuple>

#include "sim/core/time.hpp"

namespace sim {

/// Identifies an agent inside one Simulation. The engine never interprets the value.
struct EntityId {
    std::uint32_t value = 0;
    auto operator<=>(const EntityId&) const = default;
};

/// Lower runs first among events at the same tick. Keep to a few named levels per model.
using Priority = std::int8_t;

/// Returned by schedule; cancels one pending event. A default handle refers to nothing.
struct EventHandle {
    std::uint64_t seq = 0;
    explicit operator bool() const { return seq != 0; }
};

template <class Payload>
struct Event {
    Tick when;
    std::uint64_t order;  ///< (priority + 128) << 56 | insertion sequence: one integer compare
    EntityId target;
    Payload payload;

    Priority priority() const { return static_cast<Priority>(static_cast<int>(order >> 56) - 128); }
    std::uint64_t seq() const { return order & ((std::uint64_t{1} << 56) - 1); }
};

inline constexpr std::uint64_t make_order(Priority priority, std::uint64_t seq) {
    return (static_cast<std::uint64_t>(static_cast<int>(priority) + 128) << 56) | seq;
}

template <class P>
constexpr bool runs_before(const Event<P>& a, const Event<P>& b) {
    return std::tie(a.when, a.order) < std::tie(b.when, b.order);
}

}  // namespace sim
