// The template-controlling entities that mine Bitcoin's blocks, with their hash shares. What
// decides censorship and bribery is who builds the block template, not whose coinbase tag a block
// carries: pools that mine another pool's templates (proxy pools) count as that one entity
// (b10c, "Mining pool centralization", 2024; the lead in systems-leads.md puts the entities
// mining AntPool's templates at ~40% in early 2026). Which entity finds the next block is drawn by
// hash share (the memoryless mining process makes that exact: Nakamoto 2008 §11).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/random/distributions.hpp"

namespace models::bitcoin {

class PoolSet {
public:
    /// Shares need not sum to one: they are normalised (the long tail may be given as one
    /// aggregate or as many small entries).
    explicit PoolSet(std::vector<double> shares);

    std::size_t size() const { return shares_.size(); }
    /// Normalised share of pool `i`.
    double share(std::size_t i) const { return shares_[i]; }
    const std::vector<double>& shares() const { return shares_; }
    /// Index of the pool with the smallest share (lambda_min of the bribery rule).
    std::size_t smallest() const;
    /// The pool that finds the next block.
    std::size_t finder(sim::RngStream& rng) const { return pick_(rng); }

private:
    std::vector<double> shares_;
    sim::random::DiscreteDistribution pick_;
};

}  // namespace models::bitcoin
