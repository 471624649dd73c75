// Simulated time: integer ticks of one microsecond, so event order never depends on floating-point
// rounding (ns-3's integer Time). Conversions to and from seconds live here and nowhere else.
#pragma once

#include <cmath>
#include <cstdint>

namespace sim {

using Tick = std::int64_t;  ///< 1 tick = 1 microsecond of simulated time

inline constexpr Tick ticks_per_second = 1'000'000;
inline constexpr Tick tick_max = INT64_MAX;

/// Seconds to ticks, rounded to the nearest microsecond.
inline Tick from_seconds(double seconds) {
    return static_cast<Tick>(std::llround(seconds * static_cast<double>(ticks_per_second)));
}

inline constexpr double to_seconds(Tick t) {
    return static_cast<double>(t) / static_cast<double>(ticks_per_second);
}

}  // namespace sim
