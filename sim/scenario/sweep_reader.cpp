// Reads [sweep] (see sweep_spec.hpp). Axis values are validated against the swept key's own
// declaration at read time, so a bad value is reported at its line and column, not mid-sweep.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <tuple>
#include <fstream>
#include <sstream>

#include "sim/scenario/expression.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_value.hpp"

namespace sim {

std::vector<std::string> SweepSpec::keys() const {
    std::vector<std::string> out;
    for (const auto& a : grid) out.push_back(a.key);
    for (const auto& a : zip) out.push_back(a.key);
    for (const auto& b : lhs) out.push_back(b.key);
    for (const auto& a : sample_file_columns) out.push_back(a.key);
    return out;
}

namespace {

const Field& swept_field(const Scenario& s, const std::string& key, const SourcePos& pos) {
    if (const Field* f = s.find(key)) return *f;
    const std::string guess = closest_key(key, s.all_keys());
    throw InputError(pos, key,
                     guess.empty() ? "unknown swept key" : fmt::format("unknown swept key; did you mean '{}'?", guess));
}

/// Checks a value against the field's declaration without changing the scenario.
void check_value(const Field& f, const Value& v, const SourcePos& pos) {
    Field probe = f;
    probe.set = [](const Value&) {};
    assign(probe, v, pos);
}

/// Integers beyond 2^53 have no exact double: a range over them would silently skip values.
constexpr double exact_integer_limit = 9007199254740992.0;  // 2^53

std::vector<Value> range_values(const toml::table& t, const std::string& file, const std::string& key,
                                std::int64_t max_values) {
    const SourcePos pos = position(t.source(), file);
    const auto num = [&](const char* name) -> double {
        auto n = t.get(name);
        if (!n || !(n->is_integer() || n->is_floating_point()))
            throw InputError(pos, key, fmt::format("range needs a number '{}'", name));
        const double x = n->is_integer() ? static_cast<double>(n->as_integer()->get()) : n->as_floating_point()->get();
        if (!std::isfinite(x)) throw InputError(pos, key, fmt::format("range '{}' must be a finite number", name));
        if (n->is_integer() && std::abs(x) > exact_integer_limit)
            throw InputError(pos, key, fmt::format("range '{}' is beyond +/-2^53, where integers are not exact", name));
        return x;
    };
    const double from = num("from"), to = num("to"), step = num("step");
    if (!(step > 0.0) || to < from)
        throw InputError(pos, key, "range needs step > 0 and to >= from");
    const bool integral = t.get("from")->is_integer() && t.get("step")->is_integer();
    // The count is computed, and bounded, before a single value is made.
    const double count = std::floor((to - from) / step + 1e-9) + 1.0;
    if (!(count <= static_cast<double>(max_values)))
        throw InputError(pos, key, fmt::format("range has {:.4g} values, more than experiment.max_runs = {}", count,
                                               max_values));
    std::vector<Value> out;
    const auto n = static_cast<std::int64_t>(count);
    for (std::int64_t i = 0; i < n; ++i) {
        const double x = from + static_cast<double>(i) * step;
        out.push_back(integral ? Value{static_cast<std::int64_t>(std::llround(x))} : Value{x});
    }
    return out;
}

/// A number read for an integer key (LHS bound, sample-file cell), rounded only when exact.
Value number_for(const Field& f, double x, const SourcePos& pos) {
    if (f.kind != Kind::integer) return Value{x};
    if (!std::isfinite(x) || std::abs(x) > exact_integer_limit)
        throw InputError(pos, f.path, fmt::format("value {} is not an integer within +/-2^53", x));
    return Value{static_cast<std::int64_t>(std::llround(x))};
}

SweepAxis read_axis(const Scenario& s, const std::string& key, const SourcePos& key_pos, const toml::node& node,
                    const std::string& file) {
    SweepAxis axis{key, {}, position(node.source(), file)};
    const Field& f = swept_field(s, key, key_pos);
    if (auto t = node.as_table()) {
        axis.values = range_values(*t, file, key, s.experiment().max_runs);
    } else if (auto a = node.as_array()) {
        for (const auto& item : *a) axis.values.push_back(toml_to_value(item, file, key));
    } else {
        throw InputError(axis.pos, key, "a swept key takes a list or {from, to, step}");
    }
    if (axis.values.empty()) throw InputError(axis.pos, key, "a swept key needs at least one value");
    Field probe = f;  // one probe per axis: copying a Field per value made a long range slow
    probe.set = [](const Value&) {};
    const auto* a = node.as_array();
    for (std::size_t i = 0; i < axis.values.size(); ++i)
        assign(probe, axis.values[i], a ? position((*a)[i].source(), file) : axis.pos);
    return axis;
}

std::vector<SweepAxis> read_axes(const Scenario& s, const toml::table& t, const std::string& file) {
    std::vector<SweepAxis> out;
    for (auto&& [key, node] : t)
        out.push_back(read_axis(s, std::string(key.str()), position(key.source(), file), node, file));
    // toml++ iterates keys sorted; users expect file order (the first key varies slowest).
    std::stable_sort(out.begin(), out.end(), [](const SweepAxis& a, const SweepAxis& b) {
        return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
    });
    return out;
}

void read_matrix_file(SweepSpec& spec, const Scenario& s, const toml::table& t, const std::string& file) {
    const std::string path_text = t.get_as<std::string>("file")->get();
    const SourcePos pos = position(t.get("file")->source(), file);
    auto keys = t.get_as<toml::array>("keys");
    if (!keys) throw InputError(pos, "sweep.sample.keys", "a sample file needs keys = [\"dotted.key\", ...]");
    std::filesystem::path p = path_text;
    if (p.is_relative()) p = std::filesystem::path(file).parent_path() / p;
    std::ifstream in(p);
    if (!in) throw InputError(pos, "sweep.sample.file", "cannot open " + p.string());
    for (const auto& k : *keys) {
        const std::string key = k.value<std::string>().value_or("");
        spec.sample_file_columns.push_back({key, {}, position(k.source(), file)});
        swept_field(s, key, spec.sample_file_columns.back().pos);
    }
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
        std::istringstream row(line);
        std::vector<double> xs;
        for (double x; row >> x;) xs.push_back(x);
        if (xs.empty()) continue;
        if (!row.eof() || xs.size() != spec.sample_file_columns.size())
            throw InputError(SourcePos{p.string(), line_no, 1}, "",
                             fmt::format("expected {} numbers", spec.sample_file_columns.size()));
        for (std::size_t c = 0; c < xs.size(); ++c) {
            auto& axis = spec.sample_file_columns[c];
            const Field& f = *s.find(axis.key);
            const SourcePos cell{p.string(), line_no, 0};
            const Value v = number_for(f, xs[c], cell);
            check_value(f, v, cell);
            axis.values.push_back(v);
        }
    }
}

void read_sample(SweepSpec& spec, const Scenario& s, const toml::table& t, const std::string& file) {
    if (t.contains("file")) return read_matrix_file(spec, s, t, file);
    for (auto&& [key, node] : t) {
        const std::string k(key.str());
        const SourcePos pos = position(node.source(), file);
        if (k == "lhs") {
            spec.lhs_samples = node.value<std::int64_t>().value_or(0);
            if (!node.is_integer() || spec.lhs_samples < 1)
                throw InputError(pos, "sweep.sample.lhs", "expected an integer >= 1");
            if (spec.lhs_samples > s.experiment().max_runs)
                throw InputError(pos, "sweep.sample.lhs",
                                 fmt::format("{} samples, more than experiment.max_runs = {}", spec.lhs_samples,
                                             s.experiment().max_runs));
            continue;
        }
        const Field& f = swept_field(s, k, pos);
        auto a = node.as_array();
        if (!a || a->size() != 2) throw InputError(pos, k, "an LHS key takes [low, high]");
        const double lo = (*a)[0].value<double>().value_or(NAN), hi = (*a)[1].value<double>().value_or(NAN);
        if (!(lo <= hi)) throw InputError(pos, k, "an LHS key takes [low, high] with low <= high");
        const auto as_kind = [&](double x) { return number_for(f, x, pos); };
        check_value(f, as_kind(lo), pos);
        check_value(f, as_kind(hi), pos);
        spec.lhs.push_back({k, lo, hi, pos});
    }
    std::stable_sort(spec.lhs.begin(), spec.lhs.end(), [](const LhsBounds& a, const LhsBounds& b) {
        return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
    });
    if (spec.lhs_samples == 0 && !spec.lhs.empty())
        throw InputError(position(t.source(), file), "sweep.sample.lhs", "missing: how many samples");
}

/// A key swept twice (grid and zip, or grid and sample) would get two columns and two values per
/// run; the later occurrence in the file is reported.
void reject_repeated_keys(const SweepSpec& spec) {
    std::vector<std::pair<std::string, SourcePos>> seen;
    const auto note = [&](const std::string& key, const SourcePos& pos) {
        seen.emplace_back(key, pos);
    };
    for (const auto* axes : {&spec.grid, &spec.zip, &spec.sample_file_columns})
        for (const auto& a : *axes) note(a.key, a.pos);
    for (const auto& b : spec.lhs) note(b.key, b.pos);
    std::stable_sort(seen.begin(), seen.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.line, a.second.column) < std::tie(b.second.line, b.second.column);
    });
    for (std::size_t i = 0; i < seen.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (seen[i].first == seen[j].first)
                throw InputError(seen[i].second, seen[i].first,
                                 fmt::format("swept twice in [sweep] (first at line {})", seen[j].second.line));
}

}  // namespace

SweepSpec read_sweep(const toml::table& sweep, const Scenario& s, const std::string& file) {
    SweepSpec spec;
    for (auto&& [key, node] : sweep) {
        const std::string k(key.str());
        const SourcePos pos = position(node.source(), file);
        if (k == "replications") {
            spec.replications = node.value<std::int64_t>().value_or(0);
            spec.replications_pos = pos;
            if (!node.is_integer() || spec.replications < 1)
                throw InputError(pos, "sweep.replications", "expected an integer >= 1 (unit: runs)");
        } else if (k == "seed_mode") {
            spec.seed_mode = node.value<std::string>().value_or("");
            if (spec.seed_mode != "independent" && spec.seed_mode != "common")
                throw InputError(pos, "sweep.seed_mode", "expected \"independent\" or \"common\"");
        } else if (k == "constraint") {
            spec.constraint = node.value<std::string>().value_or("");
            spec.constraint_pos = pos;
            check_expression(spec.constraint, pos, s);
        } else if (k == "grid" && node.is_table()) {
            spec.grid = read_axes(s, *node.as_table(), file);
        } else if (k == "zip" && node.is_table()) {
            spec.zip = read_axes(s, *node.as_table(), file);
            for (const auto& a : spec.zip)
                if (a.values.size() != spec.zip.front().values.size())
                    throw InputError(a.pos, a.key, "zipped lists must have equal lengths");
        } else if (k == "sample" && node.is_table()) {
            read_sample(spec, s, *node.as_table(), file);
        } else {
            const std::string guess = closest_key(
                k, {"replications", "seed_mode", "constraint", "grid", "zip", "sample"});
            throw InputError(position(key.source(), file), "sweep." + k,
                             guess.empty() ? "unknown key" : fmt::format("unknown key; did you mean 'sweep.{}'?", guess));
        }
    }
    reject_repeated_keys(spec);
    return spec;
}

}  // namespace sim
