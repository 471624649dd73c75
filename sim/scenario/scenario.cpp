// Scenario loading with toml++: walks the document, maps each leaf to its declared Field, and
// reports any mismatch with the exact source position. toml++ types stay inside this file and
// sweep_reader.cpp.
#include "sim/scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/scenario/toml_value.hpp"

namespace sim {

const Field* Scenario::find(std::string_view path) const {
    if (auto f = engine->find(path)) return f;
    return params ? params->find(path) : nullptr;
}

std::vector<std::string> Scenario::all_keys() const {
    std::vector<std::string> keys;
    for (const auto& f : engine->fields()) keys.push_back(f.path);
    if (params)
        for (const auto& f : params->fields()) keys.push_back(f.path);
    return keys;
}

std::string closest_key(const std::string& wanted, const std::vector<std::string>& candidates) {
    // Edit distance costs |wanted| x |candidate| per candidate: no key is longer than a few dozen
    // bytes, so a longer word has no close match and is not worth a quadratic scan.
    if (wanted.size() > 256) return {};
    const auto distance = [](const std::string& a, const std::string& b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                const std::size_t up = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
                diagonal = up;
            }
        }
        return row[b.size()];
    };
    std::string best;
    std::size_t best_d = SIZE_MAX;
    for (const auto& c : candidates)
        if (auto d = distance(wanted, c); d < best_d) best_d = d, best = c;
    const std::size_t tolerance = std::max<std::size_t>(2, wanted.size() / 3);
    return best_d <= tolerance ? best : std::string{};
}

namespace {

class TableApplier {
public:
    TableApplier(Scenario& s, std::string file) : s_(s), file_(std::move(file)) { keys_ = s.all_keys(); }

    void apply(const toml::table& table, const std::string& prefix) {
        for (auto&& [key, node] : table) {
            const std::string path = prefix + std::string(key.str());
            if (prefix.empty() && path == "sweep") continue;  // read by read_sweep()
            if (const Field* f = s_.find(path)) {
                assign(*f, toml_to_value(node, file_, path), position(node.source(), file_));
                s_.key_positions[path] = position(node.source(), file_);
            } else if (node.is_table() && has_prefix(path + ".")) {
                apply(*node.as_table(), path + ".");
            } else {
                unknown(path, position(key.source(), file_));
            }
        }
    }

    [[noreturn]] void unknown(const std::string& path, const SourcePos& pos) const {
        std::vector<std::string> candidates = keys_;  // sections too, for a misspelt [table]
        for (const auto& k : keys_)
            for (std::size_t dot = k.find('.'); dot != std::string::npos; dot = k.find('.', dot + 1))
                candidates.push_back(k.substr(0, dot));
        const std::string guess = closest_key(path, candidates);
        throw InputError(pos, path,
                         guess.empty() ? "unknown key (see `l2sim describe`)"
                                       : fmt::format("unknown key; did you mean '{}'?", guess));
    }

private:
    bool has_prefix(const std::string& p) const {
        return std::any_of(keys_.begin(), keys_.end(), [&](auto& k) { return k.rfind(p, 0) == 0; });
    }
    Scenario& s_;
    std::string file_;
    std::vector<std::string> keys_;
};

std::string read_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(SourcePos{file, 0, 0}, "", "cannot open scenario file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const Model& choose_model(const toml::table& doc, const std::string& file, const ModelRegistry& models,
                          const std::vector<std::string>& overrides) {
    std::string name;
    SourcePos pos{file, 0, 0};  // a missing key is a whole-file error
    if (auto node = doc.at_path("experiment.model")) {
        pos = position(node.node()->source(), file);
        if (!node.is_string()) throw InputError(pos, "experiment.model", "expected a string");
        name = node.value<std::string>().value();
    }
    for (const auto& o : overrides)
        if (o.rfind("experiment.model=", 0) == 0) {
            name = o.substr(17);
            pos = SourcePos{"--set", 1, 18};
        }
    if (name.empty()) throw InputError(pos, "experiment.model", "missing: every scenario names its model");
    if (auto m = models.find(name)) return *m;
    std::vector<std::string> names;
    for (auto m : models.all()) names.emplace_back(m->name());
    throw InputError(pos, "experiment.model",
                     fmt::format("unknown model \"{}\"; known: {}", name, fmt::join(names, ", ")));
}

}  // namespace

Value parse_override_value(const std::string& text, const SourcePos& pos) {
    try {
        const toml::table t = toml::parse("v = " + text);
        return toml_to_value(*t.get("v"), pos.file, "");
    } catch (const toml::parse_error&) {
        return Value{text};  // a bare word such as selfish
    } catch (const InputError& e) {
        throw InputError(pos, "", e.what());
    }
}

void apply_override(Scenario& s, const std::string& assignment) {
    const auto eq = assignment.find('=');
    const SourcePos arg_pos{"--set", 1, 1};
    if (eq == std::string::npos || eq == 0)
        throw InputError(arg_pos, "", "expected --set dotted.key=value");
    const std::string key = assignment.substr(0, eq);
    const Field* f = s.find(key);
    if (!f) {
        const std::string guess = closest_key(key, s.all_keys());
        throw InputError(arg_pos, key,
                         guess.empty() ? "unknown key" : fmt::format("unknown key; did you mean '{}'?", guess));
    }
    const SourcePos value_pos{"--set", 1, static_cast<int>(eq) + 2};
    assign(*f, parse_override_value(assignment.substr(eq + 1), value_pos), value_pos);
    s.key_positions[key] = value_pos;
}

Scenario load_scenario(const std::string& file, const ModelRegistry& models,
                       const std::vector<std::string>& overrides) {
    return load_scenario_text(file, read_text(file), models, overrides);
}

Scenario load_scenario_text(const std::string& file, std::string text, const ModelRegistry& models,
                            const std::vector<std::string>& overrides) {
    Scenario s;
    s.file = file;
    s.text = std::move(text);
    toml::table doc;
    try {
        doc = toml::parse(s.text, file);
    } catch (const toml::parse_error& e) {
        throw InputError(position(e.source(), file), "", std::string(e.description()));
    }
    s.engine = std::make_unique<TypedParamSet<EngineParams>>();
    s.model = &choose_model(doc, file, models, overrides);
    s.params = s.model->default_params();
    TableApplier(s, file).apply(doc, "");
    if (auto sweep = doc.get_as<toml::table>("sweep")) {
        // The sweep reader bounds ranges by experiment.max_runs, so a --set of it counts already.
        for (const auto& o : overrides)
            if (o.rfind("experiment.max_runs=", 0) == 0) apply_override(s, o);
        s.sweep = read_sweep(*sweep, s, file);
        for (const auto* axes : {&s.sweep->grid, &s.sweep->zip, &s.sweep->sample_file_columns})
            for (const auto& a : *axes) s.key_positions[a.key] = a.pos;
        for (const auto& b : s.sweep->lhs) s.key_positions[b.key] = b.pos;
    }
    for (const auto& o : overrides) apply_override(s, o);
    return s;
}

std::string effective_parameters_toml(const ParamSet& params) {
    std::string out;
    for (const auto& f : params.fields()) out += f.path + " = " + to_toml(f.get()) + "\n";
    return out;
}

std::string effective_parameters_toml(const Scenario& s) {
    return effective_parameters_toml(*s.engine) + effective_parameters_toml(*s.params);
}

}  // namespace sim
