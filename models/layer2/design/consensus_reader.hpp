// Reads a design file's consensus sections ([hashrate_escrow], [merged_mining]; consensus.hpp)
// with the same errors as design_reader.hpp: file, line, column and dotted key.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "models/layer2/design/design.hpp"

namespace models::layer2::design {

/// The section names this reader owns (the design reader lets them through).
inline constexpr const char* consensus_section_names[] = {"hashrate_escrow", "merged_mining"};

/// Fills d.consensus from `doc`; an escrow must name one of d.outputs.
void read_consensus_sections(const toml::table& doc, const std::string& file, Design& d);

}  // namespace models::layer2::design
