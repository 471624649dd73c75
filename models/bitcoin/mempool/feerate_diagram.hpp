// Linearizations, chunks and feerate diagrams: the objects the cluster mempool reasons with
// (Bitcoin Core v31: txgraph.h, cluster_linearize.h, util/feefrac.h; design in
// delvingbitcoin.org/t/an-overview-of-the-cluster-mempool-proposal/393). A cluster is linearized
// by repeatedly taking its highest-feerate ancestor set (Core's starting linearization, optimal for
// the clusters of two that TRUC and package RBF produce; Core then improves larger clusters
// further, which this model does not). Chunking merges a later group into an earlier one while it
// pays a higher feerate, so chunk feerates never increase along the linearization.
#pragma once

#include <compare>
#include <cstdint>
#include <vector>

#include "models/bitcoin/units.hpp"

namespace models::bitcoin::mempool {

/// A fee over a virtual size; the unit of every feerate comparison (compared exactly).
struct FeeFrac {
    std::int64_t fee_sat = 0;
    std::int64_t vsize_vb = 0;
    FeeFrac& operator+=(FeeFrac o) {
        fee_sat += o.fee_sat;
        vsize_vb += o.vsize_vb;
        return *this;
    }
    FeeFrac& operator-=(FeeFrac o) {
        fee_sat -= o.fee_sat;
        vsize_vb -= o.vsize_vb;
        return *this;
    }
    double rate_sat_vb() const {
        return vsize_vb > 0 ? static_cast<double>(fee_sat) / static_cast<double>(vsize_vb) : 0.0;
    }
};

/// Feerate order without division: a.fee / a.size <=> b.fee / b.size.
std::strong_ordering compare_rate(FeeFrac a, FeeFrac b);
/// True when `f` pays at least `rate` (sat/vB) over its size.
bool meets_rate(FeeFrac f, FeeRate rate);

/// One transaction of a set to linearize; parents index into the same vector.
struct LinearNode {
    FeeFrac own;
    std::vector<std::uint32_t> parents;
};

struct Chunk {
    FeeFrac total;
    std::vector<std::uint32_t> members;  ///< topological order
};

/// Chunks of a linearization of `nodes` (any set closed or not under ancestry within the mempool:
/// only the parents listed count), in non-increasing chunk feerate.
std::vector<Chunk> linearize(const std::vector<LinearNode>& nodes);

/// Cumulative (size, fee) points of chunks in order, starting after the first chunk.
std::vector<FeeFrac> diagram_of(const std::vector<Chunk>& chunks);

/// True when `after` is at least `before` everywhere and above it somewhere (Core's
/// ImprovesFeerateDiagram with CompareChunks; a shorter diagram is extended flat).
bool strictly_better(const std::vector<FeeFrac>& after, const std::vector<FeeFrac>& before);

}  // namespace models::bitcoin::mempool
