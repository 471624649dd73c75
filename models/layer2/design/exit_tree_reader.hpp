// Reads a design file's exit trees ([tree.<name>], see exit_tree.hpp) and expands each into its
// presigned transaction graph. Errors are sim::InputError at file:line:col naming the dotted key,
// as for the rest of the design file: unknown keys, wrong types, values out of range, and a tree
// no user could ever exit (its branch plus the exit delay does not fit in the round's lifetime).
#pragma once

#include <toml++/toml.h>

#include <string>

#include "models/layer2/design/design.hpp"

namespace models::layer2::design {

/// Reads doc["tree"] (optional) into d.trees.
void read_exit_trees(const toml::table& doc, Design& d, const std::string& file);

/// The tree named `name` of d, or nullptr.
const ExitTree* exit_tree(const Design& d, const std::string& name);

}  // namespace models::layer2::design
