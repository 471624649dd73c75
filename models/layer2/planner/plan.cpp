// See plan.hpp.
#include "models/layer2/planner/plan.hpp"

#include <cmath>
#include <set>
#include <tuple>

#include "models/bitcoin/policy/paths.hpp"

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
        const auto paths = bitcoin::policy::spending_paths(*output.policy);
        std::set<std::tuple<std::map<std::string, std::uint32_t>, std::uint32_t, std::uint32_t>> seen;
        for (const auto& path : paths.paths) {
            if (!path.preimages.empty()) continue;
            std::map<std::string, std::uint32_t> keys;
            for (bitcoin::KeyId k : path.keys) ++keys[d.group_of(k).name];
            if (!seen.insert({keys, path.older_blocks, path.after}).second) continue;
            Plan base = spend_plan(d, o, keys, path.older_blocks, path.after);
            const bool timelocked = path.older_blocks > 0 || path.after > 0;
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
