// A random stream is a pure function of (master seed, run index, stream key): Philox4x64-10
// (Salmon et al., SC'11, via Random123) keyed by the seed and counted by (run, stream, block).
// Adding an agent or a draw elsewhere never shifts anyone else's numbers (ns-3's AssignStreams idea).
#pragma once

#include <Random123/philox.h>

#include <cstdint>

namespace sim {

/// Identifies a stream inside one run: an entity and a model-defined purpose (an enum's value).
struct StreamKey {
    std::uint32_t entity = 0;
    std::uint32_t purpose = 0;
    constexpr std::uint64_t packed() const {
        return (static_cast<std::uint64_t>(entity) << 32) | purpose;
    }
};

/// A stream of 64-bit words. Copying a stream copies its position; streams are never shared
/// between threads (each replication makes its own).
class RngStream {
public:
    RngStream(std::uint64_t master_seed, std::uint64_t run, std::uint64_t stream) {
        key_ = Philox::key_type{{master_seed, 0x6c3273696dULL}};
        ctr_ = Philox::ctr_type{{run, stream, 0, 0}};
    }

    std::uint64_t next_u64() {
        if (used_ == 4) refill();
        return block_[used_++];
    }

    /// Uniform on [0, 1) with 53 random bits.
    double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    /// Uniform on (0, 1): safe to take a logarithm of.
    double uniform_open01() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }

private:
    using Philox = r123::Philox4x64;

    void refill() {
        block_ = Philox{}(ctr_, key_);
        ++ctr_.v[2];
        used_ = 0;
    }

    Philox::key_type key_;
    Philox::ctr_type ctr_;
    Philox::ctr_type block_{};
    unsigned used_ = 4;
};

/// Makes the streams of one run. Cheap to copy; holds no state beyond the two indices.
class StreamFactory {
public:
    StreamFactory(std::uint64_t master_seed, std::uint64_t run) : seed_(master_seed), run_(run) {}
    RngStream make(StreamKey key) const { return RngStream(seed_, run_, key.packed()); }
    std::uint64_t master_seed() const { return seed_; }
    std::uint64_t run() const { return run_; }

private:
    std::uint64_t seed_;
    std::uint64_t run_;
};

}  // namespace sim
