// Writes a policy back as text that parse() reads to the same AST: a threshold with k = n >= 2
// prints as and(...), with k = 1 and n >= 2 as or(...), otherwise as thresh(k, ...); a run of
// sub-policies that is exactly a declared key group, in order, prints as group[*].
#pragma once

#include <string>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"

namespace models::bitcoin::policy {

std::string print(const Policy& policy, const SymbolTable& symbols);

}  // namespace models::bitcoin::policy
