// Reads a design file (designs/*.toml; format in /work/notes/designs-data-readme.md, README
// section "Designs as data"). Every problem is a sim::InputError at file:line:col naming the
// dotted key, like a scenario file's: unknown keys, wrong types, values out of range, policies
// that do not parse or name undeclared keys, agent classes nobody declared.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "models/layer2/design/design.hpp"

namespace models::layer2::design {

/// Reads and checks the design in `path`; throws sim::InputError.
Design read_design(const std::string& path);
/// The same from text (tests); `file` names it in errors.
Design read_design_text(const std::string& text, const std::string& file);
/// The same from a parsed table: an inline part of a composed design, whose keys errors name
/// under `key_prefix` ("parts.da").
Design read_design_table(const toml::table& doc, const std::string& file, const std::string& key_prefix);

}  // namespace models::layer2::design
