// Reads a composed design: a file whose [parts.<name>] tables are designs in their own right (a
// rollup = its data availability + its bridge + its upgrade path), each either
//
//   [parts.bridge]
//   file = "designs/bitvm2.toml"        # relative to the working directory, else to this file
//
// or written inline as the tables of a design under the part ([parts.da.design], [parts.da.keys],
// [parts.da.agents.*], [parts.da.outputs.*], ...). A composed file holds [design], [parts] and
// [sources] only. Errors are sim::InputError at file:line:col naming the key: a part file that
// cannot be opened or does not read, a part that names itself through a chain of files (a cycle),
// a part with neither `file` nor a design, a part name with the column separator "__" in it.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "models/layer2/design/design.hpp"

namespace models::layer2::design {

/// The composed design in `doc` (read from `file`); keys in errors are under `key_prefix`.
Design read_composed(const toml::table& doc, const std::string& file, const std::string& key_prefix);

/// Every non-composed design inside `d` with its column prefix ("da__", "bridge__"; "" for `d`
/// itself when it has no parts), parts of parts flattened, in the order of the parts' names (toml++
/// keeps a table's keys sorted).
struct PartLeaf {
    std::string prefix;
    const Design* design = nullptr;
};
std::vector<PartLeaf> part_leaves(const Design& d);

}  // namespace models::layer2::design
