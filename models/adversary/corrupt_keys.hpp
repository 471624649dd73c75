// Corrupting keyholders (shared/reference/layer2-designs.md §0, P-KEY): in each run every key's
// holder is reachable with its class's availability and asks a price drawn from its class's cost
// law; every failure group is compromised with its probability, and then hands over all its
// member keys for one price (a shared HSM flaw, one jurisdiction, one operator). The adversary
// buys, for a plan that needs so many keys of each group, the cheapest mix of compromised groups
// and individual bribes: every subset of the compromised groups is tried (designs declare few),
// and the remaining need is filled with the cheapest reachable keys. The draws are made once per
// run and shared by every plan, so plans are compared on the same keyholders (common random
// numbers).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/layer2/design/design.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::adversary {

/// One run's keyholders as the adversary finds them.
struct KeyholderDraws {
    std::vector<bool> available;        ///< by KeyId
    std::vector<double> cost_btc;       ///< by KeyId
    std::vector<bool> group_failed;     ///< by failure group index
};

/// Draws availability and price per key, and which failure groups failed, from the run's streams
/// (entity 1, purposes 201-203: one stream per kind of draw, so adding a key group shifts no other
/// draw kind).
KeyholderDraws draw_keyholders(const layer2::design::Design& d, const sim::StreamFactory& streams);

/// The same keyholders facing one posted offer of `offer_btc` per key instead of each being paid
/// its own ask: a reachable holder sells iff its ask is at most the offer, and is then paid the
/// offer; every other key is not for sale. The number of sellers is then a Poisson-binomial count
/// with each holder's chance availability x P(ask <= offer). Failure groups are unchanged (a
/// compromised group still sells all its members at its own price). Only for buying: whether a
/// holder who declined stays reachable and honest is read from the original draws.
KeyholderDraws at_posted_offer(const KeyholderDraws& draws, double offer_btc);
/// Holders who accept a posted offer of `offer_btc`: reachable, ask at most the offer.
std::size_t accepting_posted_offer(const KeyholderDraws& draws, double offer_btc);

/// What buying a plan's keys costs and which keys it yields.
struct Corruption {
    std::vector<bitcoin::KeyId> keys;    ///< every key the adversary can sign with
    std::vector<bitcoin::KeyId> bribed;  ///< keys whose holders took a bribe (they stop signing honestly)
    double cost_btc = 0.0;               ///< bribes plus group compromises
    std::uint32_t groups_used = 0;
};

/// The cheapest way to hold `need` keys of each key group, or none when too few can be had.
std::optional<Corruption> cheapest_corruption(const layer2::design::Design& d, const KeyholderDraws& draws,
                                              const std::map<std::string, std::uint32_t>& need);

}  // namespace models::adversary
