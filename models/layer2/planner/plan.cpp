// See plan.hpp.
#include "models/layer2/planner/plan.hpp"

#include <cmath>
#include <cstdio>
#include <set>
#include <functional>

#include <algorithm>
#include <stdexcept>
#include <variant>

namespace models::layer2::planner {

namespace {

std::string pct(double share) {
    return std::to_string(static_cast<int>(std::lround(share * 100.0)));
}

std::string needs_text(const std::map<std::string, std::uint32_t>& keys) {
    std::string s;
    for (const auto& [g, n] : keys) s += (s.empty() ? "" : "_") + g + std::to_string(n);
    return s.empty() ? "nokeys" : s;
}

/// What one way of spending needs, with keys counted per key group: the planner's view of a
/// path (policy/paths.hpp lists the same paths key by key; a threshold over 100 interchangeable
/// keys has C(100, 51) of those, but one way here). A key that appears in two branches of one
/// path is counted twice: designs name each key once.
struct Need {
    std::map<std::string, std::uint32_t> keys;
    std::uint32_t older = 0;
    std::uint32_t after = 0;
    bool preimage = false;
    auto operator<=>(const Need&) const = default;
};

constexpr std::size_t max_needs = 100'000;

Need merge(const Need& a, const Need& b) {
    Need m = a;
    for (const auto& [g, n] : b.keys) m.keys[g] += n;
    m.older = std::max(a.older, b.older);
    m.after = std::max(a.after, b.after);
    m.preimage = a.preimage || b.preimage;
    return m;
}

/// `a` needs no more than `b` (fewer keys of every group, no later timelock, no preimage more).
bool no_more_than(const Need& a, const Need& b) {
    for (const auto& [g, n] : a.keys) {
        auto it = b.keys.find(g);
        if (it == b.keys.end() || it->second < n) return false;
    }
    return a.older <= b.older && a.after <= b.after && (!a.preimage || b.preimage);
}

std::vector<Need> minimal(std::vector<Need> all) {
    std::vector<Need> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        bool dominated = false;
        for (std::size_t j = 0; j < all.size() && !dominated; ++j)
            if (j != i && no_more_than(all[j], all[i]) && (all[j] != all[i] || j < i)) dominated = true;
        if (!dominated) out.push_back(all[i]);
    }
    return out;
}

std::vector<Need> needs_of(const bitcoin::policy::Policy& p, const design::Design& d);

/// k of subs that are all keys: every split of k over the groups they belong to.
std::vector<Need> key_threshold(std::uint32_t k, const std::vector<std::pair<std::string, std::uint32_t>>& groups) {
    std::vector<Need> out;
    std::vector<std::uint32_t> take(groups.size(), 0);
    const std::function<void(std::size_t, std::uint32_t)> split = [&](std::size_t i, std::uint32_t left) {
        if (i == groups.size()) {
            if (left != 0) return;
            Need n;
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (take[g] > 0) n.keys[groups[g].first] = take[g];
            out.push_back(std::move(n));
            return;
        }
        for (std::uint32_t c = std::min(left, groups[i].second) + 1; c-- > 0;) {
            take[i] = c;
            split(i + 1, left - c);
        }
    };
    split(0, k);
    return out;
}

std::vector<Need> general_threshold(const bitcoin::policy::Thresh& t, const design::Design& d) {
    std::vector<std::vector<Need>> alternatives;
    for (const auto& sub : t.subs) alternatives.push_back(needs_of(sub, d));
    std::vector<Need> out;
    std::vector<std::size_t> chosen;
    const std::function<void(std::size_t, const Need&)> pick = [&](std::size_t next, const Need& acc) {
        if (chosen.size() == t.k) {
            out.push_back(acc);
            if (out.size() > max_needs) throw std::length_error("policy has too many spending paths to plan");
            return;
        }
        for (std::size_t i = next; i < alternatives.size(); ++i) {
            chosen.push_back(i);
            for (const Need& alt : alternatives[i]) pick(i + 1, merge(acc, alt));
            chosen.pop_back();
        }
    };
    pick(0, Need{});
    return minimal(std::move(out));
}

std::vector<Need> needs_of(const bitcoin::policy::Policy& p, const design::Design& d) {
    namespace pol = bitcoin::policy;
    if (const auto* key = std::get_if<pol::Key>(&p.node)) return {Need{{{d.group_of(key->key).name, 1}}, 0, 0, false}};
    if (std::holds_alternative<pol::Hash>(p.node)) return {Need{{}, 0, 0, true}};
    if (const auto* o = std::get_if<pol::Older>(&p.node)) return {Need{{}, o->blocks, 0, false}};
    if (const auto* a = std::get_if<pol::After>(&p.node)) return {Need{{}, 0, a->lock, false}};
    const auto& t = std::get<pol::Thresh>(p.node);
    std::vector<std::pair<std::string, std::uint32_t>> groups;
    for (const auto& sub : t.subs) {
        const auto* key = std::get_if<pol::Key>(&sub.node);
        if (key == nullptr) return general_threshold(t, d);
        const std::string& g = d.group_of(key->key).name;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& e) { return e.first == g; });
        if (it == groups.end()) groups.emplace_back(g, 1);
        else ++it->second;
    }
    return key_threshold(t.k, groups);
}

Plan spend_plan(const design::Design& d, std::size_t out, const std::map<std::string, std::uint32_t>& keys,
                std::uint32_t older, std::uint32_t after) {
    Plan p;
    p.kind = PlanKind::spend_output;
    p.output = out;
    p.keys_needed = keys;
    p.older_blocks = older;
    p.after = after;
    p.loot_btc = d.outputs[out].value_btc;
    p.id = d.outputs[out].name + "__" + needs_text(keys);
    p.description = "spend " + d.outputs[out].name + ": corrupt";
    for (const auto& [g, n] : keys) p.description += " " + std::to_string(n) + " " + g;
    if (older > 0) {
        p.id += "_wait" + std::to_string(older);
        p.description += ", wait " + std::to_string(older) + " blocks";
    }
    if (after > 0) {
        p.id += "_after" + std::to_string(after);
        p.description += ", wait for height " + std::to_string(after);
    }
    return p;
}

}  // namespace

std::vector<Plan> enumerate_plans(const design::Design& d, const PlannerParams& params) {
    std::vector<Plan> plans;
    for (std::size_t o = 0; o < d.outputs.size(); ++o) {
        const auto& output = d.outputs[o];
        for (const Need& need : needs_of(*output.policy, d)) {
            if (need.preimage) continue;
            const auto& keys = need.keys;
            Plan base = spend_plan(d, o, keys, need.older, need.after);
            const bool timelocked = need.older > 0 || need.after > 0;
            if (!timelocked || output.rotate_before_blocks == 0 || d.watcher("rotate") == nullptr) {
                plans.push_back(std::move(base));
                continue;
            }
            for (double share : params.censor_shares) {
                Plan p = base;
                p.rotation_to_censor = true;
                p.censor_share = share;
                p.id += "_censor" + pct(share);
                p.description += ", censor the rotation with " + pct(share) + "% of hash for " +
                                 std::to_string(output.rotate_before_blocks) + " blocks";
                plans.push_back(std::move(p));
            }
            if (params.bribe_btc > 0.0) {
                // The pools are bribed, not controlled: each weighs the bribe against the fees
                // the rotation would pay it (world.pools.bribe_rule).
                Plan p = base;
                p.rotation_to_censor = true;
                p.bribe_btc = params.bribe_btc;
                p.id += "_bribe";
                char btc[32];
                std::snprintf(btc, sizeof btc, "%g", params.bribe_btc);
                p.description += ", bribe the pools (timelocked, " + std::string(btc) +
                                 " BTC) to leave the rotation out for " + std::to_string(output.rotate_before_blocks) +
                                 " blocks";
                plans.push_back(std::move(p));
            }
        }
    }
    if (d.deposit)
        for (double q : params.race_hash_shares) {
            Plan p;
            p.kind = PlanKind::reverse_deposit;
            p.race_hash_share = q;
            p.loot_btc = d.deposit->value_btc;
            p.id = "deposit__reorg" + std::to_string(d.deposit->credit_after_confirmations) + "_hash" + pct(q);
            p.description = "double-spend a deposit credited after " +
                            std::to_string(d.deposit->credit_after_confirmations) + " confirmations with " + pct(q) +
                            "% rented hash";
            plans.push_back(std::move(p));
        }
    return plans;
}

}  // namespace models::layer2::planner
