// See corrupt_keys.hpp.
#include "models/adversary/corrupt_keys.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "sim/random/distributions.hpp"

namespace models::adversary {

namespace {

enum class Purpose : std::uint32_t { availability = 201, cost = 202, groups = 203 };

sim::RngStream stream(const sim::StreamFactory& f, Purpose p) {
    return f.make(sim::StreamKey{1, static_cast<std::uint32_t>(p)});
}

double draw_cost(const layer2::design::CostLaw& law, sim::RngStream& rng) {
    if (law.law == "fixed" || law.sigma == 0.0) return law.median_btc;
    return sim::random::lognormal(rng, std::log(law.median_btc), law.sigma);
}

}  // namespace

KeyholderDraws draw_keyholders(const layer2::design::Design& d, const sim::StreamFactory& streams) {
    auto avail_rng = stream(streams, Purpose::availability);
    auto cost_rng = stream(streams, Purpose::cost);
    auto group_rng = stream(streams, Purpose::groups);
    KeyholderDraws out;
    const std::size_t n = d.symbols.key_count();
    out.available.assign(n, false);
    out.cost_btc.assign(n, std::numeric_limits<double>::infinity());
    for (const auto& g : d.key_groups) {
        const auto& cls = d.agents.at(g.held_by);
        for (bitcoin::KeyId k : *d.symbols.group(g.name)) {
            out.available[k] = sim::random::uniform(avail_rng, 0.0, 1.0) < cls.availability;
            out.cost_btc[k] = draw_cost(cls.corruption_cost, cost_rng);
        }
    }
    for (const auto& fg : d.failure_groups)
        out.group_failed.push_back(sim::random::uniform(group_rng, 0.0, 1.0) < fg.probability);
    return out;
}

KeyholderDraws at_posted_offer(const KeyholderDraws& draws, double offer_btc) {
    KeyholderDraws out = draws;
    for (std::size_t k = 0; k < out.available.size(); ++k) {
        out.available[k] = draws.available[k] && draws.cost_btc[k] <= offer_btc;
        out.cost_btc[k] = offer_btc;
    }
    return out;
}

std::size_t accepting_posted_offer(const KeyholderDraws& draws, double offer_btc) {
    std::size_t n = 0;
    for (std::size_t k = 0; k < draws.available.size(); ++k)
        n += draws.available[k] && draws.cost_btc[k] <= offer_btc ? 1 : 0;
    return n;
}

namespace {

/// Fills `need` with the cheapest reachable keys outside `have`; none when a group runs short.
std::optional<Corruption> fill(const layer2::design::Design& d, const KeyholderDraws& draws,
                               const std::map<std::string, std::uint32_t>& need, const std::set<bitcoin::KeyId>& have) {
    Corruption c;
    c.keys.assign(have.begin(), have.end());
    for (const auto& [group, count] : need) {
        const auto* keys = d.symbols.group(group);
        if (keys == nullptr) throw std::logic_error("plan names unknown key group " + group);
        std::uint32_t held = 0;
        std::vector<bitcoin::KeyId> offers;
        for (bitcoin::KeyId k : *keys) {
            if (have.contains(k)) ++held;
            else if (draws.available[k]) offers.push_back(k);
        }
        if (held >= count) continue;
        const std::size_t missing = count - held;
        if (offers.size() < missing) return std::nullopt;
        std::stable_sort(offers.begin(), offers.end(),
                         [&](bitcoin::KeyId a, bitcoin::KeyId b) { return draws.cost_btc[a] < draws.cost_btc[b]; });
        for (std::size_t i = 0; i < missing; ++i) {
            c.keys.push_back(offers[i]);
            c.bribed.push_back(offers[i]);
            c.cost_btc += draws.cost_btc[offers[i]];
        }
    }
    return c;
}

}  // namespace

std::optional<Corruption> cheapest_corruption(const layer2::design::Design& d, const KeyholderDraws& draws,
                                              const std::map<std::string, std::uint32_t>& need) {
    std::vector<std::size_t> failed;
    for (std::size_t i = 0; i < draws.group_failed.size(); ++i)
        if (draws.group_failed[i]) failed.push_back(i);
    if (failed.size() > 16) throw std::logic_error("more than 16 failure groups failed at once");
    std::optional<Corruption> best;
    for (std::uint32_t mask = 0; mask < (1u << failed.size()); ++mask) {
        std::set<bitcoin::KeyId> have;
        double group_cost = 0.0;
        std::uint32_t used = 0;
        for (std::size_t j = 0; j < failed.size(); ++j)
            if (mask & (1u << j)) {
                const auto& fg = d.failure_groups[failed[j]];
                have.insert(fg.members.begin(), fg.members.end());
                group_cost += fg.cost_btc;
                ++used;
            }
        auto c = fill(d, draws, need, have);
        if (!c) continue;
        c->cost_btc += group_cost;
        c->groups_used = used;
        if (!best || c->cost_btc < best->cost_btc) best = std::move(c);
    }
    return best;
}

}  // namespace models::adversary
