// See graph_reader.hpp.
#include "models/layer2/design/graph_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/layer2/design/key_place.hpp"

namespace models::layer2::design {

namespace {

double number(const toml::table& t, const std::string& k, const KeyPlace& w, double fallback,
              double lo, double hi, bool required = false) {
    const toml::node* n = t.get(k);
    if (n == nullptr) {
        if (required) w.fail(t, "missing key '" + k + "'");
        return fallback;
    }
    double x = 0.0;
    if (auto i = n->as_integer())
        x = static_cast<double>(i->get());
    else if (auto d = n->as_floating_point())
        x = d->get();
    else
        w.sub(k).fail(*n, "expected a number");
    if (!std::isfinite(x) || x < lo || x > hi) {
        std::ostringstream s;
        s << "value " << x << " out of range [" << lo << ", " << hi << "]";
        w.sub(k).fail(*n, s.str());
    }
    return x;
}

std::uint32_t blocks(const toml::table& t, const std::string& k, const KeyPlace& w, std::int64_t hi) {
    const toml::node* n = t.get(k);
    if (n == nullptr) return 0;
    auto i = n->as_integer();
    if (!i) w.sub(k).fail(*n, "expected an integer number of blocks");
    if (i->get() < 0 || i->get() > hi)
        w.sub(k).fail(*n, "value " + std::to_string(i->get()) + " out of range [0, " +
                              std::to_string(hi) + "]");
    return static_cast<std::uint32_t>(i->get());
}

std::string text(const toml::table& t, const std::string& k, const KeyPlace& w,
                 const std::string& fallback, const std::vector<std::string>& choices = {}) {
    const toml::node* n = t.get(k);
    if (n == nullptr) return fallback;
    auto s = n->as_string();
    if (!s) w.sub(k).fail(*n, "expected a string");
    if (!choices.empty() && std::find(choices.begin(), choices.end(), s->get()) == choices.end()) {
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : " | ") + c;
        w.sub(k).fail(*n, "'" + s->get() + "' is not one of: " + list);
    }
    return s->get();
}

/// A string or an array of strings.
std::vector<std::pair<std::string, const toml::node*>> strings(const toml::node& n,
                                                               const KeyPlace& w) {
    std::vector<std::pair<std::string, const toml::node*>> out;
    if (auto s = n.as_string()) return {{s->get(), &n}};
    if (!n.is_array()) w.fail(n, "expected a string or an array of strings");
    for (const auto& item : *n.as_array()) {
        auto s = item.as_string();
        if (!s) w.fail(item, "expected a string");
        out.emplace_back(s->get(), &item);
    }
    return out;
}

/// Tables of `t` in the order they appear in the file (toml++ iterates keys alphabetically).
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t) {
    std::vector<std::pair<std::string, const toml::node*>> out;
    for (const auto& [k, v] : t) out.emplace_back(std::string(k.str()), &v);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        const auto& x = a.second->source().begin;
        const auto& y = b.second->source().begin;
        return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    return out;
}

/// "signer[*]", "signer[3]" or "signer[0..3]" (inclusive).
std::vector<bitcoin::KeyId> keys_named(const std::string& s, const Design& d, const KeyPlace& w,
                                       const toml::node& n) {
    const auto open = s.find('[');
    if (open == std::string::npos || s.back() != ']')
        w.fail(n, "expected group[*], group[i] or group[i..j]: '" + s + "'");
    const auto* keys = d.symbols.group(s.substr(0, open));
    if (keys == nullptr) w.fail(n, "no key group '" + s.substr(0, open) + "' in [keys]");
    const std::string inside = s.substr(open + 1, s.size() - open - 2);
    if (inside == "*") return *keys;
    try {
        const auto dots = inside.find("..");
        const std::size_t lo = std::stoul(inside.substr(0, dots));
        const std::size_t hi = dots == std::string::npos ? lo : std::stoul(inside.substr(dots + 2));
        if (lo > hi || hi >= keys->size()) w.fail(n, "index out of range in '" + s + "'");
        return {keys->begin() + static_cast<std::ptrdiff_t>(lo),
                keys->begin() + static_cast<std::ptrdiff_t>(hi) + 1};
    } catch (const std::logic_error&) {
        w.fail(n, "expected group[*], group[i] or group[i..j]: '" + s + "'");
    }
}

GraphOutput read_output(const std::string& name, const toml::node& v, Design& d, const KeyPlace& w) {
    if (!v.is_table()) w.fail(v, "expected { policy = \"...\", value_btc = BTC }");
    const auto& t = *v.as_table();
    only_keys(t, w, {"policy", "value_btc", "slashed"});
    GraphOutput o;
    o.name = name;
    const toml::node* p = t.get("policy");
    if (p == nullptr || !p->is_string()) w.fail(p ? *p : v, "expected policy = \"...\"");
    o.policy_text = p->as_string()->get();
    sim::SourcePos start = w.sub("policy").at(*p);
    start.column += 1;  // the policy's text starts after the opening quote
    bitcoin::policy::ParseOptions opts;
    opts.declare_new_names = false;
    o.policy = std::make_shared<const bitcoin::policy::Policy>(
        bitcoin::policy::parse_at(o.policy_text, d.symbols, start, w.sub("policy").key, opts));
    o.value_btc = number(t, "value_btc", w, 0.0, 0.0, 21e6, true);
    if (const toml::node* s = t.get("slashed")) {
        if (!s->is_boolean()) w.sub("slashed").fail(*s, "expected true or false");
        o.slashed = s->as_boolean()->get();
    }
    return o;
}

/// The output a `spends` entry names: "output" (a design output) or "tx.output" (an earlier tx's).
GraphRef resolve(const std::string& s, const Design& d, const std::vector<GraphTx>& earlier,
                 const KeyPlace& w, const toml::node& n) {
    const auto dot = s.find('.');
    if (dot == std::string::npos) {
        for (std::size_t i = 0; i < d.outputs.size(); ++i)
            if (d.outputs[i].name == s) return GraphRef{-1, i};
        w.fail(n, "no design output '" + s +
                      "' in [outputs] (a presigned tx's output is named tx.output)");
    }
    const std::string tx = s.substr(0, dot), out = s.substr(dot + 1);
    for (std::size_t i = 0; i < earlier.size(); ++i) {
        if (earlier[i].name != tx) continue;
        for (std::size_t j = 0; j < earlier[i].outputs.size(); ++j)
            if (earlier[i].outputs[j].name == out) return GraphRef{static_cast<int>(i), j};
        w.fail(n, "transaction '" + tx + "' has no output '" + out + "'");
    }
    w.fail(n, "no transaction '" + tx +
                  "' declared before this one (declare a graph in spending order)");
}

const GraphOutput* graph_output(const Design& d, const PresignedGraph& g, const GraphRef& r,
                                std::shared_ptr<const bitcoin::policy::Policy>* policy) {
    if (r.tx < 0) {
        *policy = d.outputs[r.index].policy;
        return nullptr;
    }
    const GraphOutput& o = g.txs[static_cast<std::size_t>(r.tx)].outputs[r.index];
    *policy = o.policy;
    return &o;
}

GraphTx read_tx(const std::string& name, const toml::node& v, Design& d, const KeyPlace& w) {
    if (!v.is_table()) w.fail(v, "expected a table");
    const auto& t = *v.as_table();
    only_keys(t, w,
              {"spends", "broadcast_by", "signatures", "older_blocks", "after_blocks", "steals",
               "outputs"});
    GraphTx tx;
    tx.name = name;
    tx.pos = w.at(v);
    if (name.find('.') != std::string::npos) w.fail(v, "a transaction's name may not contain '.'");
    const toml::node* spends = t.get("spends");
    if (spends == nullptr) w.fail(v, "missing key 'spends'");
    for (const auto& [s, node] : strings(*spends, w.sub("spends"))) {
        const GraphRef r = resolve(s, d, d.graph.txs, w.sub("spends"), *node);
        if (std::find(tx.spends.begin(), tx.spends.end(), r) != tx.spends.end())
            w.sub("spends").fail(*node, "'" + s + "' spent twice by one transaction");
        tx.spends.push_back(r);
        tx.spends_text.push_back(s);
    }
    if (tx.spends.empty())
        w.sub("spends").fail(*spends, "a transaction spends at least one output");
    const toml::node* by = t.get("broadcast_by");
    if (by == nullptr)
        w.fail(v, "missing key 'broadcast_by' (the agent class holding its signatures)");
    for (const auto& [s, node] : strings(*by, w.sub("broadcast_by"))) {
        if (!d.agents.contains(s))
            w.sub("broadcast_by").fail(*node, "no [agents." + s + "] declared");
        bool holds = false;
        for (const KeyGroup& g : d.key_groups) holds = holds || g.held_by == s;
        if (!holds)
            w.sub("broadcast_by")
                .fail(*node, "agent class '" + s + "' holds no key group in [keys]");
        tx.broadcast_by.push_back(s);
    }
    if (tx.broadcast_by.empty()) w.sub("broadcast_by").fail(*by, "name at least one agent class");
    if (const toml::node* sig = t.get("signatures"))
        for (const auto& [s, node] : strings(*sig, w.sub("signatures")))
            for (bitcoin::KeyId k : keys_named(s, d, w.sub("signatures"), *node))
                if (std::find(tx.signatures.begin(), tx.signatures.end(), k) == tx.signatures.end())
                    tx.signatures.push_back(k);
    tx.older_blocks = blocks(t, "older_blocks", w, 65535);  // BIP68: 16 bits of blocks
    tx.after_blocks =
        blocks(t, "after_blocks", w, 499'999'999 - 1'000'000);  // BIP65: below, a height
    if (const toml::node* s = t.get("steals")) {
        if (!s->is_boolean()) w.sub("steals").fail(*s, "expected true or false");
        tx.steals = s->as_boolean()->get();
    }
    const toml::node* outs = t.get("outputs");
    if (outs == nullptr || !outs->is_table())
        w.fail(outs ? *outs : v, "expected outputs.<name> = { policy = \"...\", value_btc = BTC }");
    for (const auto& [oname, node] : in_file_order(*outs->as_table()))
        tx.outputs.push_back(read_output(oname, *node, d, w.sub("outputs").sub(oname)));
    if (tx.outputs.empty())
        w.sub("outputs").fail(*outs, "a transaction creates at least one output");
    // The signatures it carries must satisfy every spent policy once its locks are met: a
    // presigned transaction that could never be valid is a mistake in the file, not an attack.
    for (std::size_t i = 0; i < tx.spends.size(); ++i) {
        std::shared_ptr<const bitcoin::policy::Policy> policy;
        graph_output(d, d.graph, tx.spends[i], &policy);
        const auto keys = std::set<bitcoin::KeyId>(tx.signatures.begin(), tx.signatures.end());
        const auto path =
            bitcoin::policy::satisfy(*policy, bitcoin::policy::Assets::whenever(keys));
        if (!path)
            w.sub("signatures")
                .fail(t.get("signatures") ? *t.get("signatures") : v,
                      "these signatures cannot spend '" + tx.spends_text[i] +
                          "' (list the keys it carries)");
        if (path->older_blocks > 0 && tx.older_blocks > 0 && path->older_blocks != tx.older_blocks)
            w.sub("older_blocks")
                .fail(*t.get("older_blocks"), "the path it takes through '" + tx.spends_text[i] +
                                                  "' already has older(" +
                                                  std::to_string(path->older_blocks) + ")");
    }
    // Its outputs may not create more than it spends from design and graph outputs (its fee is
    // attached by the broadcaster; fees are taken from its first output).
    double in_btc = 0.0, out_btc = 0.0;
    for (const GraphRef& r : tx.spends)
        in_btc += r.tx < 0 ? d.outputs[r.index].value_btc
                           : d.graph.txs[static_cast<std::size_t>(r.tx)].outputs[r.index].value_btc;
    for (const GraphOutput& o : tx.outputs) out_btc += o.value_btc;
    if (out_btc > in_btc + 1e-9)
        w.sub("outputs").fail(*outs, "outputs hold more than the transaction spends (" +
                                         std::to_string(out_btc) + " > " + std::to_string(in_btc) +
                                         " BTC)");
    return tx;
}

Responder read_responder(const std::string& name, const toml::node& v, const Design& d,
                         const KeyPlace& w) {
    if (!v.is_table()) w.fail(v, "expected a table");
    if (!d.agents.contains(name)) w.fail(v, "no [agents." + name + "] declared");
    const auto& t = *v.as_table();
    only_keys(t, w,
              {"latency_s", "fee_rate_sat_vb", "fee_policy", "bump_step_sat_vb",
               "max_fee_rate_sat_vb", "start_after_blocks"});
    Responder r;
    r.agent = name;
    r.pos = w.at(v);
    r.latency_s = number(t, "latency_s", w, 60.0, 0.0, 1e7);
    r.fee_rate_sat_vb = number(t, "fee_rate_sat_vb", w, 10.0, 1.0, 1e5);
    r.fee_policy = text(t, "fee_policy", w, "fixed", {"fixed", "bump"});
    r.bump_step_sat_vb = number(t, "bump_step_sat_vb", w, 10.0, 0.1, 1e5);
    r.max_fee_rate_sat_vb = number(t, "max_fee_rate_sat_vb", w, 500.0, 1.0, 1e6);
    if (r.max_fee_rate_sat_vb < r.fee_rate_sat_vb)
        w.sub("max_fee_rate_sat_vb")
            .fail(*t.get("max_fee_rate_sat_vb"), "the cap is below the first bid fee_rate_sat_vb");
    r.start_after_blocks = blocks(t, "start_after_blocks", w, 1'000'000);
    return r;
}

}  // namespace

void read_graph(const toml::table& doc, Design& d, const std::string& file) {
    if (const toml::node* g = doc.get("graph")) {
        const KeyPlace w{file, "graph"};
        if (!g->is_table()) w.fail(*g, "expected [graph.<transaction>] tables");
        for (const auto& [name, node] : in_file_order(*g->as_table()))
            d.graph.txs.push_back(read_tx(name, *node, d, w.sub(name)));
        bool steals = false;
        for (const GraphTx& t : d.graph.txs) steals = steals || t.steals;
        if (!d.graph.txs.empty() && !steals)
            w.fail(*g,
                   "no transaction is marked steals = true: the planner needs the theft to walk "
                   "back from");
    }
    if (const toml::node* r = doc.get("responders")) {
        const KeyPlace w{file, "responders"};
        if (!r->is_table()) w.fail(*r, "expected [responders.<agent class>] tables");
        if (d.graph.empty())
            w.fail(*r, "responders broadcast graph transactions: declare [graph.<tx>] first");
        for (const auto& [name, node] : in_file_order(*r->as_table()))
            d.graph.responders.emplace(name, read_responder(name, *node, d, w.sub(name)));
    }
}

}  // namespace models::layer2::design
