// Reads a policy from text, e.g. "or(thresh(11, functionary[*]), and(older(4032), pk(emergency)))".
// Grammar and examples: /work/notes/policy-language-readme.md (README section "Policy language").
// Errors carry the 1-based column within the text so a scenario or design loader can report
// file:line:col (parse_at does that with sim::InputError).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "sim/params/input_error.hpp"

namespace models::bitcoin::policy {

struct ParseError {
    std::size_t column = 0;  ///< 1-based column in the text
    std::string message;
};

struct ParseOptions {
    /// When false, a key or preimage name the symbol table does not know is an error (a design
    /// file declares its keys first); when true it is created.
    bool declare_new_names = true;
};

struct ParseResult {
    std::optional<Policy> policy;
    ParseError error;  ///< meaningful only when policy is empty
    bool ok() const { return policy.has_value(); }
};

ParseResult parse(std::string_view text, SymbolTable& symbols, ParseOptions options = {});

/// Parses a policy written as a value in a file: `text_start` is the position of the text's first
/// character there. Throws sim::InputError at file:line:(column + offset) naming `key`.
Policy parse_at(std::string_view text, SymbolTable& symbols, const sim::SourcePos& text_start,
                const std::string& key, ParseOptions options = {});

}  // namespace models::bitcoin::policy
