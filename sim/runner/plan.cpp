// Sweep expansion: grid (cartesian, first key slowest) x zip (lockstep) x samples, filtered by the
// constraint. Swept values were validated when the scenario was read.
#include "sim/runner/plan.hpp"

#include <fmt/format.h>

#include "sim/random/distributions.hpp"
#include "sim/runner/plan_size.hpp"
#include "sim/scenario/expression.hpp"

namespace sim {

namespace {

using Rows = std::vector<std::vector<Value>>;

Rows grid_rows(const std::vector<SweepAxis>& axes) {
    Rows rows{{}};
    for (const auto& axis : axes) {
        Rows next;
        for (const auto& row : rows)
            for (const auto& v : axis.values) {
                next.push_back(row);
                next.back().push_back(v);
            }
        rows = std::move(next);
    }
    return rows;
}

Rows zip_rows(const std::vector<SweepAxis>& axes) {
    if (axes.empty()) return Rows{{}};
    Rows rows(axes.front().values.size());
    for (const auto& axis : axes)
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i].push_back(axis.values[i]);
    return rows;
}

Rows sample_rows(const SweepSpec& spec, const Scenario& s, std::uint64_t seed) {
    Rows rows{{}};
    if (spec.lhs_samples > 0) {
        const auto unit = latin_hypercube(static_cast<std::size_t>(spec.lhs_samples), spec.lhs.size(), seed);
        rows.assign(unit.size(), {});
        for (std::size_t i = 0; i < unit.size(); ++i)
            for (std::size_t d = 0; d < spec.lhs.size(); ++d) {
                const auto& b = spec.lhs[d];
                const double x = b.lo + (b.hi - b.lo) * unit[i][d];
                rows[i].push_back(s.find(b.key)->kind == Kind::integer
                                      ? Value{static_cast<std::int64_t>(std::llround(x))}
                                      : Value{x});
            }
    }
    if (!spec.sample_file_columns.empty()) {
        Rows file_rows(spec.sample_file_columns.front().values.size());
        for (const auto& axis : spec.sample_file_columns)
            for (std::size_t i = 0; i < file_rows.size(); ++i) file_rows[i].push_back(axis.values[i]);
        Rows combined;
        for (const auto& a : rows)
            for (const auto& b : file_rows) {
                combined.push_back(a);
                combined.back().insert(combined.back().end(), b.begin(), b.end());
            }
        rows = std::move(combined);
    }
    return rows;
}

Rows product(const Rows& a, const Rows& b) {
    Rows out;
    for (const auto& x : a)
        for (const auto& y : b) {
            out.push_back(x);
            out.back().insert(out.back().end(), y.begin(), y.end());
        }
    return out;
}

}  // namespace

std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed) {
    RngStream rng(seed, UINT64_MAX, 0x4c4853);  // run index reserved for plan-level draws
    std::vector<std::vector<double>> out(n, std::vector<double>(dims));
    std::vector<std::size_t> perm(n);
    for (std::size_t d = 0; d < dims; ++d) {
        for (std::size_t i = 0; i < n; ++i) perm[i] = i;
        for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[random::uniform_index(rng, i)]);
        for (std::size_t i = 0; i < n; ++i)
            out[i][d] = (static_cast<double>(perm[i]) + rng.uniform01()) / static_cast<double>(n);
    }
    return out;
}

namespace {

/// The expanded plan before the model's cross-key checks.
Plan make_unchecked_plan(const Scenario& s, bool include_sweep) {
    check_plan_size(s, include_sweep);  // before anything is expanded
    Plan plan;
    plan.scenario = &s;
    plan.master_seed = static_cast<std::uint64_t>(s.experiment().seed);
    plan.replications = static_cast<std::uint64_t>(s.experiment().runs);
    plan.common_seeds = s.experiment().seed_mode == "common";
    if (!include_sweep || !s.sweep) {
        plan.points = {{}};
        return plan;
    }
    const SweepSpec& spec = *s.sweep;
    plan.keys = spec.keys();
    plan.replications = static_cast<std::uint64_t>(spec.replications);
    if (spec.seed_mode == "common") plan.common_seeds = true;
    const Rows all = product(product(grid_rows(spec.grid), zip_rows(spec.zip)),
                             sample_rows(spec, s, plan.master_seed));
    if (spec.constraint.empty()) {
        plan.points = all;
        return plan;
    }
    const Expression constraint = Expression::parse(spec.constraint, spec.constraint_pos);
    for (const auto& row : all) {
        const auto lookup = [&](const std::string& key) -> std::optional<Value> {
            for (std::size_t i = 0; i < plan.keys.size(); ++i)
                if (plan.keys[i] == key) return row[i];
            if (const Field* f = s.find(key)) return f->get();
            return std::nullopt;
        };
        if (constraint.holds(lookup)) plan.points.push_back(row);
    }
    if (plan.points.empty())
        throw InputError(spec.constraint_pos, "sweep.constraint", "no parameter point satisfies the constraint");
    return plan;
}

/// Every point must pass the model's cross-key rules before anything runs.
void check_points(const Plan& plan) {
    const Scenario& s = *plan.scenario;
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
        try {
            s.model->check(*plan.params_for(p), s.file);
        } catch (const InputError& e) {  // point at the line that set the key, when one did
            const auto it = s.key_positions.find(e.key());
            if (it == s.key_positions.end()) throw;
            throw InputError(it->second, e.key(), e.message());
        }
    }
}

}  // namespace

Plan make_plan(const Scenario& s, bool include_sweep) {
    Plan plan = make_unchecked_plan(s, include_sweep);
    check_points(plan);
    return plan;
}

RunInput Plan::input(std::uint64_t run) const {
    RunInput in;
    in.master_seed = master_seed;
    in.run = run;
    in.point = run / replications;
    in.rep = run % replications;
    in.stream_run = common_seeds ? in.rep : run;
    return in;
}

std::unique_ptr<ParamSet> Plan::params_for(std::uint64_t point) const {
    auto p = scenario->params->clone();
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (const Field* f = p->find(keys[i])) assign(*f, points[point][i], SourcePos{scenario->file, 0, 0});
    return p;
}

std::string Plan::hash_hex() const {
    std::string canon = std::string(scenario->model->name()) + "\n" + effective_parameters_toml(*scenario->params);
    canon += fmt::format("reps={} common={} seed={}\n", replications, common_seeds, master_seed);
    for (const auto& k : keys) canon += k + ";";
    for (const auto& row : points) {
        canon += "\n";
        for (const auto& v : row) canon += to_toml(v) + ";";
    }
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : canon) h = (h ^ c) * 1099511628211ULL;
    return fmt::format("{:016x}", h);
}

io::Layout Plan::layout() const {
    io::Layout layout;
    const auto add = [&](std::string name, ColumnType t, std::string unit, std::string long_name) {
        layout.columns.push_back({Column{std::move(name), t, std::move(unit), std::move(long_name)}, {}});
    };
    add("run", ColumnType::u64, "1", "run index: point * replications + rep");
    add("point", ColumnType::u64, "1", "parameter point index");
    add("rep", ColumnType::u64, "1", "replication index within the point");
    add("seed", ColumnType::u64, "1", "master seed (streams keyed by seed, stream run, stream)");
    add("status", ColumnType::u8, "1", "0 pending, 1 ok, 2 failed");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Field& f = *scenario->find(keys[i]);
        io::ColumnSpec spec{Column{keys[i], ColumnType::f64, f.unit, f.help}, {}};
        spec.column.name.clear();
        for (char c : keys[i]) spec.column.name += (c == '.') ? std::string("__") : std::string(1, c);
        if (f.kind == Kind::integer || f.kind == Kind::boolean) spec.column.type = ColumnType::i64;
        if (f.kind == Kind::text) {
            spec.column.type = ColumnType::i64;
            for (const auto& row : points) {
                const auto& word = std::get<std::string>(row[i]);
                if (std::find(spec.categories.begin(), spec.categories.end(), word) == spec.categories.end())
                    spec.categories.push_back(word);
            }
        }
        layout.columns.push_back(std::move(spec));
    }
    const auto base = scenario->params.get();
    for (auto& c : scenario->model->outcome_columns(*base)) layout.columns.push_back({c, {}});
    layout.event_columns = scenario->model->event_columns(*base);
    return layout;
}

}  // namespace sim
