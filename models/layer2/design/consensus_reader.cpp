// See consensus_reader.hpp.
#include "models/layer2/design/consensus_reader.hpp"

#include <algorithm>
#include <cmath>
#include <variant>
#include <set>
#include <sstream>

namespace models::layer2::design {

namespace {

struct Section {
    const std::string& file;
    const toml::table& t;
    std::string name;

    sim::SourcePos at(const toml::node& n) const {
        const auto& b = n.source().begin;
        return sim::SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)};
    }
    [[noreturn]] void fail(const toml::node& n, const std::string& key, const std::string& msg) const {
        throw sim::InputError(at(n), name + "." + key, msg);
    }
    void only(const std::set<std::string>& allowed) const {
        for (const auto& [k, v] : t)
            if (!allowed.contains(std::string(k.str()))) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                const auto& b = k.source().begin;
                throw sim::InputError(sim::SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)},
                                      name + "." + std::string(k.str()), "unknown key (allowed here: " + list + ")");
            }
    }
    const toml::node* get(const std::string& k, bool required) const {
        const toml::node* n = t.get(k);
        if (n == nullptr && required) fail(t, k, "missing key '" + k + "'");
        return n;
    }
    double number(const std::string& k, double fallback, double lo, double hi, bool required = false) const {
        const toml::node* n = get(k, required);
        if (n == nullptr) return fallback;
        double x = 0.0;
        if (auto i = n->as_integer()) x = static_cast<double>(i->get());
        else if (auto d = n->as_floating_point()) x = d->get();
        else fail(*n, k, "expected a number");
        if (!std::isfinite(x) || x < lo || x > hi) {
            std::ostringstream s;
            s << "value " << x << " out of range [" << lo << ", " << hi << "]";
            fail(*n, k, s.str());
        }
        return x;
    }
    std::int64_t integer(const std::string& k, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const {
        const toml::node* n = get(k, false);
        if (n == nullptr) return fallback;
        auto i = n->as_integer();
        if (!i) fail(*n, k, "expected an integer");
        if (i->get() < lo || i->get() > hi)
            fail(*n, k, "value " + std::to_string(i->get()) + " out of range [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "]");
        return i->get();
    }
    std::string text(const std::string& k, const std::string& fallback, std::set<std::string> choices,
                     bool required = false) const {
        const toml::node* n = get(k, required);
        if (n == nullptr) return fallback;
        auto s = n->as_string();
        if (!s) fail(*n, k, "expected a string");
        if (!choices.empty() && !choices.contains(s->get())) {
            std::string list;
            for (const auto& c : choices) list += (list.empty() ? "" : " | ") + c;
            fail(*n, k, "'" + s->get() + "' is not one of: " + list);
        }
        return s->get();
    }
};

HashrateEscrow read_escrow(const Section& s, const Design& d) {
    s.only({"output", "ack_required", "window_blocks", "honest_vote", "alarm_share", "alarm_after_blocks"});
    HashrateEscrow e;
    e.pos = s.at(s.t);
    std::set<std::string> outputs;
    for (const auto& o : d.outputs) outputs.insert(o.name);
    e.output = s.text("output", "", outputs, true);
    // BIP300's escrow is no script: the output's one key stands for the rule that an approved
    // bundle may spend it (OP_DRIVECHAIN, M6).
    const auto& o = *std::find_if(d.outputs.begin(), d.outputs.end(), [&](const Output& x) { return x.name == e.output; });
    if (!std::holds_alternative<bitcoin::policy::Key>(o.policy->node))
        s.fail(*s.t.get("output"), "output", "the escrow output's policy must be one pk(...) standing for the BIP300 rule");
    // BIP300 counts ACKs in a uint16_t (D2's "Work Score"), hence the upper bounds.
    e.ack_required = s.integer("ack_required", 13150, 1, 65535);
    e.window_blocks = s.integer("window_blocks", 26300, 1, 65535);
    if (e.ack_required > e.window_blocks)
        s.fail(s.t.get("ack_required") ? *s.t.get("ack_required") : static_cast<const toml::node&>(s.t), "ack_required",
               "more ACKs than blocks in the window: no bundle could ever pay out");
    e.honest_vote = s.text("honest_vote", "abstain", {"abstain", "alarm"});
    e.alarm_share = s.number("alarm_share", 0.0, 0.0, 1.0);
    e.alarm_after_blocks = s.integer("alarm_after_blocks", 0, 0, 65535);
    return e;
}

MergedMining read_merged(const Section& s) {
    s.only({"merged_share", "block_interval_s", "pegout_confirmations", "pegout_btc"});
    MergedMining m;
    m.pos = s.at(s.t);
    m.merged_share = s.number("merged_share", 0.8, 0.001, 1.0);
    m.block_interval_s = s.number("block_interval_s", 30.0, 0.1, 1e6);
    m.pegout_confirmations = s.integer("pegout_confirmations", 4000, 1, 100000);
    m.pegout_btc = s.number("pegout_btc", 0.0, 1e-8, 21e6, true);
    return m;
}

}  // namespace

void read_consensus_sections(const toml::table& doc, const std::string& file, Design& d) {
    if (const toml::node* n = doc.get("hashrate_escrow")) {
        if (!n->is_table())
            throw sim::InputError(Section{file, doc, ""}.at(*n), "hashrate_escrow", "expected a table");
        d.consensus.hashrate_escrow = read_escrow(Section{file, *n->as_table(), "hashrate_escrow"}, d);
    }
    if (const toml::node* n = doc.get("merged_mining")) {
        if (!n->is_table())
            throw sim::InputError(Section{file, doc, ""}.at(*n), "merged_mining", "expected a table");
        d.consensus.merged_mining = read_merged(Section{file, *n->as_table(), "merged_mining"});
    }
}

}  // namespace models::layer2::design
