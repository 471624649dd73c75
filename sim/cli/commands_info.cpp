// validate, describe, plan, info and exact: commands that read and print, never simulate.
#include <fmt/format.h>

#include "sim/cli/commands.hpp"
#include "sim/io/results_file.hpp"
#include "sim/runner/plan.hpp"

namespace sim::cli {

namespace {

void print_fields(const ParamSet& params) {
    for (const auto& f : params.fields())
        fmt::print("  {:<34} {:<8} {:<14} {:<10} {:<22} {}\n", f.path, kind_name(f.kind).substr(0, 8),
                   f.default_text.size() > 14 ? f.default_text.substr(0, 11) + "..." : f.default_text, f.unit,
                   f.constraint.describe(), f.help);
}

void print_model(const Model& m) {
    fmt::print("model {}: {}\n", m.name(), m.help());
    fmt::print("  {:<34} {:<8} {:<14} {:<10} {:<22} {}\n", "key", "type", "default", "unit", "allowed", "help");
    print_fields(*std::make_unique<TypedParamSet<EngineParams>>());
    const auto params = m.default_params();
    print_fields(*params);
    fmt::print("  outcomes (one column each on the run dimension):\n");
    for (const auto& c : m.outcome_columns(*params))
        fmt::print("    {:<32} {:<10} {}\n", c.name, c.unit, c.long_name);
    const auto events = m.event_columns(*params);
    if (!events.empty()) {
        fmt::print("  event log columns (events/ group):\n");
        for (const auto& c : events) fmt::print("    {:<32} {:<10} {}\n", c.name, c.unit, c.long_name);
    }
    fmt::print("\n");
}

}  // namespace

int cmd_validate(const ExecOptions& o, const ModelRegistry& models) {
    const Scenario s = load_scenario(o.scenario, models, o.overrides);
    const Plan plan = make_plan(s, true);
    fmt::print("{}: ok (model {}, {} point(s) x {} replication(s))\n", o.scenario, s.model->name(),
               plan.points.size(), plan.replications);
    return 0;
}

int cmd_describe(const std::string& model, const ModelRegistry& models) {
    if (!model.empty()) {
        const Model* m = models.find(model);
        if (!m) throw InputError(SourcePos{"describe " + model, 1, 10}, "model", "unknown model");
        print_model(*m);
        return 0;
    }
    for (const Model* m : models.all()) print_model(*m);
    return 0;
}

int cmd_plan(const ExecOptions& o, const ModelRegistry& models) {
    const Scenario s = load_scenario(o.scenario, models, o.overrides);
    const Plan plan = make_plan(s, true);
    if (o.json) {
        fmt::print("{{\"keys\": [");
        for (std::size_t i = 0; i < plan.keys.size(); ++i) fmt::print("{}\"{}\"", i ? ", " : "", plan.keys[i]);
        fmt::print("], \"replications\": {}, \"runs\": {}, \"plan_hash\": \"{}\", \"points\": [", plan.replications,
                   plan.total_runs(), plan.hash_hex());
        for (std::size_t p = 0; p < plan.points.size(); ++p) {
            fmt::print("{}[", p ? ", " : "");
            for (std::size_t i = 0; i < plan.points[p].size(); ++i)
                fmt::print("{}{}", i ? ", " : "", to_toml(plan.points[p][i]));
            fmt::print("]");
        }
        fmt::print("]}}\n");
        return 0;
    }
    fmt::print("{:>7}", "point");
    for (const auto& k : plan.keys) fmt::print("  {:>24}", k);
    fmt::print("\n");
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
        fmt::print("{:>7}", p);
        for (const auto& v : plan.points[p]) fmt::print("  {:>24}", to_toml(v));
        fmt::print("\n");
    }
    fmt::print("# {} point(s) x {} replication(s) = {} run(s); plan {}\n", plan.points.size(), plan.replications,
               plan.total_runs(), plan.hash_hex());
    return 0;
}

int cmd_info(const std::string& file) {
    const io::ResultsSummary s = io::read_summary(file);
    for (const auto& [k, v] : s.text_attrs) {
        if (k == "scenario_text" || k == "effective_parameters") {
            fmt::print("{}: |\n", k);
            std::size_t start = 0;
            for (std::size_t nl; (nl = v.find('\n', start)) != std::string::npos; start = nl + 1)
                fmt::print("    {}\n", v.substr(start, nl - start));
        } else {
            fmt::print("{}: {}\n", k, v);
        }
    }
    for (const auto& [k, v] : s.number_attrs) fmt::print("{}: {}\n", k, v);
    fmt::print("rows: {} (ok {}, failed {}, pending {})\nevents: {}\ncolumns: {}\n", s.rows, s.ok, s.failed,
               s.pending, s.events, fmt::join(s.columns, ", "));
    return 0;
}

int cmd_exact(const ExecOptions& o, const ModelRegistry& models) {
    const Scenario s = load_scenario(o.scenario, models, o.overrides);
    const auto values = s.model->exact(*s.params);
    if (values.empty()) fmt::print("model {} has no exact solution for this scenario\n", s.model->name());
    for (const auto& [name, v] : values) fmt::print("{} = {:.10g}\n", name, v);
    return 0;
}

}  // namespace sim::cli
