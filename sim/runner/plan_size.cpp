// See plan_size.hpp. Mirrors make_plan's expansion: grid (product of axis lengths) x zip (one
// length) x samples (LHS count x sample-file rows), times replications.
#include "sim/runner/plan_size.hpp"

#include <fmt/format.h>

namespace sim {

namespace {

/// a * b, recording overflow instead of wrapping.
std::uint64_t times(std::uint64_t a, std::uint64_t b, bool& overflow) {
    std::uint64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) overflow = true;
    return out;
}

/// Where to point a too-large plan: the longest axis, else the replications key, else the file.
SourcePos blame(const Scenario& s, bool include_sweep) {
    if (include_sweep && s.sweep) {
        const SweepSpec& spec = *s.sweep;
        const SweepAxis* longest = nullptr;
        for (const auto* axes : {&spec.grid, &spec.zip, &spec.sample_file_columns})
            for (const auto& a : *axes)
                if (!longest || a.values.size() > longest->values.size()) longest = &a;
        if (spec.lhs_samples > 0 && (!longest || static_cast<std::size_t>(spec.lhs_samples) > longest->values.size()))
            return spec.lhs.empty() ? SourcePos{s.file, 0, 0} : spec.lhs.front().pos;
        if (longest) return longest->pos;
        if (spec.replications_pos.line > 0) return spec.replications_pos;
    }
    if (auto it = s.key_positions.find("experiment.runs"); it != s.key_positions.end()) return it->second;
    return SourcePos{s.file, 0, 0};
}

}  // namespace

PlanSize plan_size(const Scenario& s, bool include_sweep) {
    PlanSize size;
    size.replications = static_cast<std::uint64_t>(s.experiment().runs);
    if (!include_sweep || !s.sweep) return size;
    const SweepSpec& spec = *s.sweep;
    size.replications = static_cast<std::uint64_t>(spec.replications);
    for (const auto& axis : spec.grid) size.candidate_points = times(size.candidate_points, axis.values.size(), size.overflow);
    if (!spec.zip.empty()) size.candidate_points = times(size.candidate_points, spec.zip.front().values.size(), size.overflow);
    if (spec.lhs_samples > 0)
        size.candidate_points = times(size.candidate_points, static_cast<std::uint64_t>(spec.lhs_samples), size.overflow);
    if (!spec.sample_file_columns.empty())
        size.candidate_points =
            times(size.candidate_points, spec.sample_file_columns.front().values.size(), size.overflow);
    return size;
}

void check_plan_size(const Scenario& s, bool include_sweep) {
    const PlanSize size = plan_size(s, include_sweep);
    const auto limit = static_cast<std::uint64_t>(s.experiment().max_runs);
    bool overflow = size.overflow;
    const std::uint64_t runs = times(size.candidate_points, size.replications, overflow);
    if (!overflow && size.candidate_points <= limit && runs <= limit) return;
    const std::string total = overflow ? std::string("more than 2^64") : fmt::format("{}", runs);
    throw InputError(blame(s, include_sweep), "experiment.max_runs",
                     fmt::format("the plan has {} point(s) before the constraint x {} replication(s) = {} run(s), "
                                 "above the limit of {}; shrink the sweep or raise experiment.max_runs",
                                 size.overflow ? std::string("more than 2^64") : fmt::format("{}", size.candidate_points),
                                 size.replications, total, limit));
}

}  // namespace sim
