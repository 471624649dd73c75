// See hand_plans.hpp.
#include "models/layer2/planner/hand_plans.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "models/bitcoin/policy/satisfy.hpp"

namespace models::layer2::planner {

namespace {

sim::SourcePos at(const std::string& file, const toml::source_region& r) {
    return sim::SourcePos{file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

std::string pct(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))); }

/// Throws the error of key `k` of one [[plan]] at node `n`.
struct Fail {
    const std::string& file;
    const std::string& key;
    [[noreturn]] void operator()(const toml::node& n, const std::string& k, const std::string& msg) const {
        throw sim::InputError(at(file, n.source()), key + "." + k, msg);
    }
};

Plan read_one(const toml::table& t, const std::string& file, const std::string& key, const design::Design& d) {
    const Fail fail{file, key};
    static const std::set<std::string> allowed{"name", "output", "corrupt", "wait_blocks", "censor_share", "censor_blocks"};
    for (const auto& [k, v] : t)
        if (!allowed.contains(std::string(k.str())))
            throw sim::InputError(at(file, k.source()), key + "." + std::string(k.str()),
                                  "unknown key (allowed here: censor_blocks, censor_share, corrupt, name, output, "
                                  "wait_blocks)");
    const auto text = [&](const std::string& k) {
        const toml::node* n = t.get(k);
        if (n == nullptr) fail(t, k, "missing key '" + k + "'");
        if (!n->is_string()) fail(*n, k, "expected a string");
        return n->as_string()->get();
    };
    Plan p;
    const std::string name = text("name");
    const std::string out_name = text("output");
    const auto out = std::find_if(d.outputs.begin(), d.outputs.end(), [&](const auto& o) { return o.name == out_name; });
    if (out == d.outputs.end()) fail(*t.get("output"), "output", "no output '" + out_name + "' in the design");
    p.output = static_cast<std::size_t>(out - d.outputs.begin());
    p.loot_btc = out->value_btc;
    p.id = "hand__" + name;
    p.description = "hand-written: spend " + out_name + ":";
    if (const toml::node* c = t.get("corrupt")) {
        if (!c->is_table()) fail(*c, "corrupt", "expected { group = count, ... }");
        for (const auto& [g, n] : *c->as_table()) {
            const std::string group(g.str());
            const auto* keys = d.symbols.group(group);
            if (keys == nullptr) fail(n, "corrupt." + group, "no key group '" + group + "' in the design");
            auto count = n.as_integer();
            if (!count || count->get() < 1 || count->get() > static_cast<std::int64_t>(keys->size()))
                fail(n, "corrupt." + group, "expected a count from 1 to " + std::to_string(keys->size()));
            p.keys_needed[group] = static_cast<std::uint32_t>(count->get());
            p.description += " corrupt " + std::to_string(count->get()) + " " + group;
        }
    }
    if (const toml::node* w = t.get("wait_blocks")) {
        auto i = w->as_integer();
        if (!i || i->get() < 0 || i->get() > 65535) fail(*w, "wait_blocks", "expected blocks from 0 to 65535 (BIP68)");
        p.older_blocks = static_cast<std::uint32_t>(i->get());
        if (p.older_blocks > 0) p.description += ", wait " + std::to_string(p.older_blocks) + " blocks";
    }
    // The keys and the wait must open one of the output's paths (the design's keys are declared
    // in groups: the first `count` of each group stand for any `count` of them).
    bitcoin::policy::Assets assets;
    for (const auto& [g, n] : p.keys_needed) {
        const auto& keys = *d.symbols.group(g);
        assets.keys.insert(keys.begin(), keys.begin() + n);
    }
    assets.age_blocks = p.older_blocks;
    assets.height = 1'000'000;
    if (!bitcoin::policy::satisfy(*out->policy, assets))
        fail(t, "corrupt", "these keys and wait_blocks open no spending path of output '" + out_name + "'");
    // As the enumerated plans: a wait on an output the defenders rotate races that rotation.
    const bool rotated = out->rotate_before_blocks > 0 && d.watcher("rotate") != nullptr && p.older_blocks > 0;
    p.rotation_to_censor = rotated;
    if (const toml::node* c = t.get("censor_share")) {
        double x = -1.0;
        if (auto i = c->as_integer()) x = static_cast<double>(i->get());
        if (auto f = c->as_floating_point()) x = f->get();
        if (!(x >= 0.0 && x <= 1.0)) fail(*c, "censor_share", "expected a hash share from 0 to 1");
        if (!rotated)
            fail(*c, "censor_share",
                 "nothing to censor: the output has no rotation before this plan's wait (rotate_before_blocks and a "
                 "rotate watcher)");
        p.censor_share = x;
        p.description += ", censor the rotation with " + pct(x) + "% of hash";
    }
    if (const toml::node* c = t.get("censor_blocks")) {
        // The run starts the block before the rotation is due: the censorship covers the first
        // censor_blocks blocks from the rotation's first height on.
        auto i = c->as_integer();
        if (!i || i->get() < 1 || i->get() > 65535) fail(*c, "censor_blocks", "expected blocks from 1 to 65535");
        if (t.get("censor_share") == nullptr || p.censor_share <= 0.0)
            fail(*c, "censor_blocks", "nothing censors: give a censor_share above 0 for these blocks");
        p.censor_blocks = static_cast<std::uint32_t>(i->get());
        p.description += " for " + std::to_string(p.censor_blocks) + " blocks";
    }
    return p;
}

}  // namespace

std::vector<Plan> read_hand_plans_text(const std::string& text, const std::string& file, const design::Design& d) {
    toml::table doc;
    try {
        doc = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        throw sim::InputError(at(file, e.source()), "", std::string(e.description()));
    }
    for (const auto& [k, v] : doc)
        if (k.str() != "plan") throw sim::InputError(at(file, k.source()), std::string(k.str()), "unknown key (allowed: [[plan]])");
    std::vector<Plan> out;
    const toml::node* plans = doc.get("plan");
    if (plans == nullptr) return out;
    if (!plans->is_array_of_tables()) throw sim::InputError(at(file, plans->source()), "plan", "expected [[plan]] tables");
    std::set<std::string> ids;
    std::size_t i = 0;
    for (const auto& item : *plans->as_array()) {
        const std::string key = "plan[" + std::to_string(i++) + "]";
        Plan p = read_one(*item.as_table(), file, key, d);
        if (!ids.insert(p.id).second)
            throw sim::InputError(at(file, item.source()), key + ".name", "two plans named '" + p.id.substr(6) + "'");
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Plan> read_hand_plans(const std::string& path, const design::Design& d) {
    if (path.empty()) return {};
    std::ifstream in(path);
    if (!in) throw sim::InputError(sim::SourcePos{path, 0, 0}, "hand_plans.file", "cannot open plans file");
    std::stringstream s;
    s << in.rdbuf();
    return read_hand_plans_text(s.str(), path, d);
}

}  // namespace models::layer2::planner
