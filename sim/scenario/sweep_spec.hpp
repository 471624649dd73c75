// A parameter sweep as written in a scenario's [sweep] table: grid axes (cartesian product),
// zipped axes (lockstep), sampled points (Latin hypercube or a SALib-style matrix file), a
// replication count and an optional constraint expression that filters points.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/params/field.hpp"

namespace sim {

struct SweepAxis {
    std::string key;
    std::vector<Value> values;
    SourcePos pos;
};

struct LhsBounds {
    std::string key;
    double lo = 0.0, hi = 1.0;
    SourcePos pos;
};

struct SweepSpec {
    std::int64_t replications = 1;
    SourcePos replications_pos;
    std::string seed_mode = "independent";  ///< or "common": streams keyed by replication only
    std::string constraint;
    SourcePos constraint_pos;
    std::vector<SweepAxis> grid;
    std::vector<SweepAxis> zip;
    std::int64_t lhs_samples = 0;
    std::vector<LhsBounds> lhs;
    std::vector<SweepAxis> sample_file_columns;  ///< one axis per column of the matrix file

    /// Swept keys in column order: grid, zip, lhs, file.
    std::vector<std::string> keys() const;
};

}  // namespace sim
