// Reads a design file's presigned transaction graph ([graph.<tx>]) and its responders
// ([responders.<agent class>]); see graph.hpp. Errors are sim::InputError at file:line:col naming
// the dotted key, as for the rest of the design file (design_reader.hpp): unknown keys, wrong
// types, values out of range, unknown outputs or agent classes, a transaction whose signatures
// cannot spend what it spends, a spend of a later transaction's output, two transactions that
// both mark the same output as theirs alone.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "models/layer2/design/design.hpp"

namespace models::layer2::design {

/// Reads doc["graph"] and doc["responders"] (both optional) into d.graph; d's keys, agents and
/// outputs are read already.
void read_graph(const toml::table& doc, Design& d, const std::string& file);

}  // namespace models::layer2::design
