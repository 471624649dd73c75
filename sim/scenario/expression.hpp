// The sweep constraint language: arithmetic, comparisons and and/or/not over parameter keys,
// numbers and strings, e.g. `attacker.hash_share < 0.5 and merchant.confirmations >= 2`.
// It is parsed and evaluated, never substituted into text.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/params/field.hpp"

namespace sim {

struct Scenario;

class Expression {
public:
    using Lookup = std::function<std::optional<Value>(const std::string&)>;

    /// Throws InputError at the offending column (relative to `pos`).
    static Expression parse(const std::string& text, const SourcePos& pos);
    /// True when the expression holds; throws InputError if a key is unknown or types clash.
    bool holds(const Lookup& lookup) const;
    std::vector<std::string> identifiers() const;

    struct Node;

private:
    std::shared_ptr<const Node> root_;
    SourcePos pos_;
};

/// Parses the expression and checks that every identifier is a scenario key.
void check_expression(const std::string& text, const SourcePos& pos, const Scenario& scenario);

}  // namespace sim
