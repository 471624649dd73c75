// See design_reader.hpp.
#include "models/layer2/design/design_reader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "models/bitcoin/policy/parse.hpp"
#include "models/layer2/design/graph_reader.hpp"
#include "models/layer2/design/consensus_reader.hpp"
#include "models/layer2/design/parts_reader.hpp"
#include "models/layer2/design/exit_tree_reader.hpp"
#include "models/layer2/design/key_place.hpp"

namespace models::layer2::design {

namespace {

const toml::table& table_at(const toml::table& t, const std::string& k, const KeyPlace& where) {
    const toml::node* n = t.get(k);
    if (n == nullptr) throw sim::InputError(sim::SourcePos{where.file, 0, 0}, where.sub(k).key, "missing table");
    if (!n->is_table()) where.sub(k).fail(*n, "expected a table");
    return *n->as_table();
}

double number(const toml::table& t, const std::string& k, const KeyPlace& where, std::optional<double> fallback,
              double lo, double hi) {
    const toml::node* n = t.get(k);
    const KeyPlace p = where.sub(k);
    if (n == nullptr) {
        if (!fallback) where.fail(t, "missing key '" + k + "'");
        return *fallback;
    }
    double x = 0.0;
    if (auto i = n->as_integer()) x = static_cast<double>(i->get());
    else if (auto d = n->as_floating_point()) x = d->get();
    else p.fail(*n, "expected a number");
    if (!std::isfinite(x) || x < lo || x > hi) {
        std::ostringstream s;
        s << "value " << x << " out of range [" << lo << ", " << hi << "]";
        p.fail(*n, s.str());
    }
    return x;
}

std::int64_t integer(const toml::table& t, const std::string& k, const KeyPlace& where, std::optional<std::int64_t> fallback,
                     std::int64_t lo, std::int64_t hi) {
    const toml::node* n = t.get(k);
    const KeyPlace p = where.sub(k);
    if (n == nullptr) {
        if (!fallback) where.fail(t, "missing key '" + k + "'");
        return *fallback;
    }
    auto i = n->as_integer();
    if (!i) p.fail(*n, "expected an integer");
    if (i->get() < lo || i->get() > hi)
        p.fail(*n, "value " + std::to_string(i->get()) + " out of range [" + std::to_string(lo) + ", " +
                       std::to_string(hi) + "]");
    return i->get();
}

std::string text(const toml::table& t, const std::string& k, const KeyPlace& where, std::optional<std::string> fallback,
                 const std::vector<std::string>& choices = {}) {
    const toml::node* n = t.get(k);
    const KeyPlace p = where.sub(k);
    if (n == nullptr) {
        if (!fallback) where.fail(t, "missing key '" + k + "'");
        return *fallback;
    }
    auto s = n->as_string();
    if (!s) p.fail(*n, "expected a string");
    if (!choices.empty() && std::find(choices.begin(), choices.end(), s->get()) == choices.end()) {
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : " | ") + c;
        p.fail(*n, "'" + s->get() + "' is not one of: " + list);
    }
    return s->get();
}

void read_keys(const toml::table& keys, Design& d, const KeyPlace& where) {
    for (const auto& [k, v] : keys) {
        const std::string name(k.str());
        const KeyPlace p = where.sub(name);
        if (!v.is_table()) p.fail(v, "expected { count = N, held_by = \"agent\" }");
        const auto& t = *v.as_table();
        only_keys(t, p, {"count", "held_by"});
        KeyGroup g{name, static_cast<std::uint32_t>(integer(t, "count", p, std::nullopt, 1, 1000)),
                   text(t, "held_by", p, std::nullopt)};
        d.symbols.declare_group(name, g.count);
        d.key_groups.push_back(std::move(g));
    }
    if (d.key_groups.empty()) where.fail(keys, "declare at least one key group");
}

CostLaw read_cost(const toml::node& n, const KeyPlace& p) {
    if (!n.is_table()) p.fail(n, "expected { law = \"lognormal\", median = BTC, sigma = S }");
    const auto& t = *n.as_table();
    only_keys(t, p, {"law", "median", "sigma"});
    CostLaw c;
    c.law = text(t, "law", p, "lognormal", {"lognormal", "fixed"});
    c.median_btc = number(t, "median", p, std::nullopt, 0.0, 21e6);
    c.sigma = number(t, "sigma", p, 0.0, 0.0, 10.0);
    return c;
}

void read_agents(const toml::table& agents, Design& d, const KeyPlace& where) {
    for (const auto& [k, v] : agents) {
        const std::string name(k.str());
        const KeyPlace p = where.sub(name);
        if (!v.is_table()) p.fail(v, "expected a table");
        const auto& t = *v.as_table();
        only_keys(t, p, {"role", "availability", "corruption_cost_btc", "bond_btc"});
        AgentClass a;
        a.name = name;
        a.pos = p.at(v);
        text(t, "role", p, "keyholder", {"keyholder"});
        a.availability = number(t, "availability", p, 1.0, 0.0, 1.0);
        const toml::node* cost = t.get("corruption_cost_btc");
        if (cost == nullptr) p.fail(v, "missing key 'corruption_cost_btc'");
        a.corruption_cost = read_cost(*cost, p.sub("corruption_cost_btc"));
        a.bond_btc = number(t, "bond_btc", p, 0.0, 0.0, 21e6);
        d.agents.emplace(name, a);
    }
}

/// "signer[*]", "signer[3]" or "signer[0..3]" (inclusive).
std::vector<bitcoin::KeyId> members_named(const std::string& s, const Design& d, const KeyPlace& p, const toml::node& n) {
    const auto open = s.find('[');
    if (open == std::string::npos || s.back() != ']') p.fail(n, "expected group[*], group[i] or group[i..j]: '" + s + "'");
    const std::string group = s.substr(0, open);
    const std::string inside = s.substr(open + 1, s.size() - open - 2);
    const auto* keys = d.symbols.group(group);
    if (keys == nullptr) p.fail(n, "no key group '" + group + "' in [keys]");
    if (inside == "*") return *keys;
    try {
        const auto dots = inside.find("..");
        const std::size_t lo = std::stoul(inside.substr(0, dots));
        const std::size_t hi = dots == std::string::npos ? lo : std::stoul(inside.substr(dots + 2));
        if (lo > hi || hi >= keys->size()) p.fail(n, "index out of range in '" + s + "'");
        return {keys->begin() + static_cast<std::ptrdiff_t>(lo), keys->begin() + static_cast<std::ptrdiff_t>(hi) + 1};
    } catch (const std::logic_error&) {
        p.fail(n, "expected group[*], group[i] or group[i..j]: '" + s + "'");
    }
}

void read_failure_groups(const toml::table& groups, Design& d, const KeyPlace& where) {
    for (const auto& [k, v] : groups) {
        const std::string name(k.str());
        const KeyPlace p = where.sub(name);
        if (!v.is_table()) p.fail(v, "expected a table");
        const auto& t = *v.as_table();
        only_keys(t, p, {"members", "probability", "cost_btc"});
        FailureGroup g;
        g.name = name;
        g.pos = p.at(v);
        const toml::node* m = t.get("members");
        if (m == nullptr || !m->is_array()) p.fail(m ? *m : v, "expected members = [\"group[i..j]\", ...]");
        for (const auto& item : *m->as_array()) {
            auto s = item.as_string();
            if (!s) p.sub("members").fail(item, "expected a string");
            for (bitcoin::KeyId key : members_named(s->get(), d, p.sub("members"), item))
                if (std::find(g.members.begin(), g.members.end(), key) == g.members.end()) g.members.push_back(key);
        }
        g.probability = number(t, "probability", p, std::nullopt, 0.0, 1.0);
        g.cost_btc = number(t, "cost_btc", p, 0.0, 0.0, 21e6);
        d.failure_groups.push_back(std::move(g));
    }
}

void read_outputs(const toml::table& outputs, Design& d, const KeyPlace& where) {
    for (const auto& [k, v] : outputs) {
        const std::string name(k.str());
        const KeyPlace p = where.sub(name);
        if (!v.is_table()) p.fail(v, "expected a table");
        const auto& t = *v.as_table();
        only_keys(t, p, {"policy", "value_btc", "rotate_before_blocks", "exit_coins", "exit_vbytes"});
        Output o;
        o.name = name;
        o.pos = p.at(v);
        o.policy_text = text(t, "policy", p, std::nullopt);
        // The value's text starts after the opening quote; parse_at adds the policy's column.
        sim::SourcePos start = p.sub("policy").at(*t.get("policy"));
        start.column += 1;
        bitcoin::policy::ParseOptions opts;
        opts.declare_new_names = false;
        o.policy = std::make_shared<const bitcoin::policy::Policy>(
            bitcoin::policy::parse_at(o.policy_text, d.symbols, start, p.sub("policy").key, opts));
        o.value_btc = number(t, "value_btc", p, std::nullopt, 1e-8, 21e6);
        o.rotate_before_blocks = integer(t, "rotate_before_blocks", p, 0, 0, 65535);
        o.exit_coins = static_cast<std::uint32_t>(integer(t, "exit_coins", p, 0, 0, 100'000));
        // One input, one output, a P2WPKH/P2TR witness is ~110 vB; a rollup exit that carries a
        // proof or a connector is larger.
        o.exit_vbytes = integer(t, "exit_vbytes", p, 110, 60, 400'000);
        if (t.contains("exit_vbytes") && o.exit_coins == 0)
            p.sub("exit_vbytes").fail(*t.get("exit_vbytes"), "exit_vbytes needs exit_coins > 0");
        d.outputs.push_back(std::move(o));
    }
    if (d.outputs.empty()) where.fail(outputs, "declare at least one output");
}

void read_watchers(const toml::table& watchers, Design& d, const KeyPlace& where) {
    for (const auto& [k, v] : watchers) {
        const std::string name(k.str());
        const KeyPlace p = where.sub(name);
        if (!v.is_table()) p.fail(v, "expected a table");
        const auto& t = *v.as_table();
        only_keys(t, p, {"reacts", "latency_s", "fee_rate_sat_vb", "fee_policy", "bump_step_sat_vb",
                         "max_fee_rate_sat_vb"});
        Watcher w;
        w.name = name;
        w.pos = p.at(v);
        w.reacts = text(t, "reacts", p, std::nullopt, {"rotate", "slash", "exit"});
        if (d.watcher(w.reacts) != nullptr) p.sub("reacts").fail(*t.get("reacts"), "two watchers react by " + w.reacts);
        w.latency_s = number(t, "latency_s", p, 60.0, 0.0, 1e7);
        w.fee_rate_sat_vb = number(t, "fee_rate_sat_vb", p, 10.0, 1.0, 1e5);
        w.fee_policy = text(t, "fee_policy", p, "fixed", {"fixed", "bump"});
        w.bump_step_sat_vb = number(t, "bump_step_sat_vb", p, 10.0, 0.1, 1e5);
        w.max_fee_rate_sat_vb = number(t, "max_fee_rate_sat_vb", p, 500.0, 1.0, 1e6);
        d.watchers.push_back(std::move(w));
    }
}

void check_holders(const Design& d, const toml::table& doc, const KeyPlace& root) {
    for (const KeyGroup& g : d.key_groups)
        if (!d.agents.contains(g.held_by)) {
            const toml::node* n = doc.at_path("keys." + g.name + ".held_by").node();
            root.sub("keys." + g.name + ".held_by").fail(*n, "no [agents." + g.held_by + "] declared");
        }
}

/// Users' exits need someone to broadcast them: an output with exit_coins needs an exit watcher.
void check_exits(const Design& d, const toml::table& doc, const KeyPlace& root) {
    if (d.watcher("exit") != nullptr) return;
    for (const Output& o : d.outputs)
        if (o.exit_coins > 0) {
            const toml::node* n = doc.at_path("outputs." + o.name + ".exit_coins").node();
            root.sub("outputs." + o.name + ".exit_coins")
                .fail(*n, "exit_coins needs a [watchers.<name>] with reacts = \"exit\" to broadcast the exits");
        }
}

Design read(const toml::table& doc, const std::string& file, const std::string& key_prefix) {
    const KeyPlace root{file, key_prefix};
    if (doc.contains("parts")) return read_composed(doc, file, key_prefix);
    only_keys(doc, root, {"design", "keys", "agents", "failure_groups", "outputs", "watchers", "bonds", "deposit",
                          "sources", "graph", "responders", "parts", "tree", consensus_section_names[0],
                          consensus_section_names[1]});
    Design d;
    d.file = file;
    const auto& head = table_at(doc, "design", root);
    only_keys(head, root.sub("design"), {"name", "summary", "family"});
    d.name = text(head, "name", root.sub("design"), std::nullopt);
    read_keys(table_at(doc, "keys", root), d, root.sub("keys"));
    read_agents(table_at(doc, "agents", root), d, root.sub("agents"));
    check_holders(d, doc, root);
    if (const auto* g = doc.get_as<toml::table>("failure_groups")) read_failure_groups(*g, d, root.sub("failure_groups"));
    read_outputs(table_at(doc, "outputs", root), d, root.sub("outputs"));
    if (const auto* w = doc.get_as<toml::table>("watchers")) read_watchers(*w, d, root.sub("watchers"));
    check_exits(d, doc, root);
    if (const auto* b = doc.get_as<toml::table>("bonds")) {
        only_keys(*b, root.sub("bonds"), {"unbond_blocks"});
        d.bonds.unbond_blocks = integer(*b, "unbond_blocks", root.sub("bonds"), std::nullopt, 1, 65535);
    }
    if (const auto* dep = doc.get_as<toml::table>("deposit")) {
        const KeyPlace p = root.sub("deposit");
        only_keys(*dep, p, {"value_btc", "credit_after_confirmations"});
        d.deposit = Deposit{number(*dep, "value_btc", p, std::nullopt, 1e-8, 21e6),
                            integer(*dep, "credit_after_confirmations", p, std::nullopt, 1, 10000), p.at(*dep)};
    }
    if (const auto* s = doc.get_as<toml::table>("sources"))
        for (const auto& [k, v] : *s) {
            auto str = v.as_string();
            if (!str) root.sub("sources." + std::string(k.str())).fail(v, "expected a string naming the source and date");
            d.sources.emplace(std::string(k.str()), str->get());
        }
    read_graph(doc, d, file);
    read_consensus_sections(doc, file, d);
    read_exit_trees(doc, d, file);
    return d;
}

}  // namespace

Design read_design_table(const toml::table& doc, const std::string& file, const std::string& key_prefix) {
    return read(doc, file, key_prefix);
}

Design read_design_text(const std::string& text_in, const std::string& file) {
    toml::table doc;
    try {
        doc = toml::parse(text_in, file);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw sim::InputError(sim::SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)}, "",
                              std::string(e.description()));
    }
    return read(doc, file, "");
}

Design read_design(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw sim::InputError(sim::SourcePos{path, 0, 0}, "", "cannot open design file");
    std::stringstream s;
    s << in.rdbuf();
    return read_design_text(s.str(), path);
}

}  // namespace models::layer2::design
