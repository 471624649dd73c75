// Runs the design_attack model straight from a design text (written to a temporary file) and
// reads its outcomes by column name, for the design, planner and limit-case tests.
#pragma once

#include <tbb/parallel_for.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/layer2/planner/design_attack_model.hpp"

namespace l2sim_test {

/// Writes `text` to a file named after `name` in the temporary directory and returns its path.
inline std::string write_design(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("l2sim_design_" + name + ".toml");
    std::ofstream(path) << text;
    return path.string();
}

/// Replaces the first `from` in `text` with `to` (a test's variation of a base design); throws
/// if `from` is absent, so a variation cannot silently do nothing.
inline std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::invalid_argument("not in design text: " + from);
    return text.replace(at, from.size(), to);
}

struct DesignRuns {
    std::vector<sim::Column> columns;
    std::vector<std::vector<double>> rows;

    std::size_t index(const std::string& name) const {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i].name == name) return i;
        throw std::runtime_error("no column " + name);
    }
    double mean(const std::string& name) const {
        const std::size_t i = index(name);
        double s = 0.0;
        for (const auto& r : rows) s += r[i];
        return s / static_cast<double>(rows.size());
    }
    double min(const std::string& name) const {
        const std::size_t i = index(name);
        double m = rows.at(0)[i];
        for (const auto& r : rows) m = std::min(m, r[i]);
        return m;
    }
};

/// `runs` replications (run index = stream index) in run order.
inline DesignRuns run_design(const models::layer2::planner::DesignAttackModel::Params& p, int runs,
                             std::uint64_t seed) {
    using M = models::layer2::planner::DesignAttackModel;
    DesignRuns out{M::outcome_columns(p), std::vector<std::vector<double>>(static_cast<std::size_t>(runs))};
    tbb::parallel_for(0, runs, [&](int r) {
        sim::RunInput in;
        in.master_seed = seed;
        in.run = in.stream_run = static_cast<std::uint64_t>(r);
        out.rows[static_cast<std::size_t>(r)] = M::run(p, in).outcomes;
    });
    return out;
}

/// Params for a design text with a quiet chain (no background demand) unless a test asks for it.
inline models::layer2::planner::DesignAttackModel::Params design_params(const std::string& name,
                                                                        const std::string& text) {
    models::layer2::planner::DesignAttackModel::Params p;
    p.design.file = write_design(name, text);
    p.world.demand.arrival_vb_per_s = 0.0;
    return p;
}

}  // namespace l2sim_test
