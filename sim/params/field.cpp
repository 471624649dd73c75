// Validation and formatting of parameter values; the rules every scenario key obeys.
#include "sim/params/field.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace sim {

std::string_view kind_name(Kind kind) {
    switch (kind) {
        case Kind::boolean: return "boolean";
        case Kind::integer: return "integer";
        case Kind::real: return "number";
        case Kind::text: return "string";
        case Kind::real_list: return "list of numbers";
        case Kind::real_matrix: return "list of lists of numbers";
    }
    return "?";
}

bool Constraint::admits(double x) const {
    if (std::isnan(x)) return false;
    if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
    if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
    return true;
}

bool Constraint::admits(const std::string& word) const {
    if (choices.empty()) return true;
    for (const auto& c : choices)
        if (c == word) return true;
    return false;
}

std::string Constraint::describe() const {
    if (!choices.empty()) return "one of: " + fmt::format("{}", fmt::join(choices, " | "));
    if (!lo && !hi) return "any";
    const std::string l = lo ? fmt::format("{}", *lo) : "-inf";
    const std::string h = hi ? fmt::format("{}", *hi) : "inf";
    return fmt::format("{}{}, {}{}", (lo && !lo_open) ? "[" : "(", l, h, (hi && !hi_open) ? "]" : ")");
}

Constraint in_range(double lo, double hi) { return Constraint{lo, hi, false, false, {}, false}; }
Constraint open_closed(double lo, double hi) { return Constraint{lo, hi, true, false, {}, false}; }
Constraint positive() { return Constraint{0.0, std::nullopt, true, false, {}, false}; }
Constraint non_negative() { return Constraint{0.0, std::nullopt, false, false, {}, false}; }
Constraint at_least(double lo) { return Constraint{lo, std::nullopt, false, false, {}, false}; }
Constraint with_infinity(Constraint c) {
    c.infinite_allowed = true;
    return c;
}
Constraint one_of(std::vector<std::string> words) {
    Constraint c;
    c.choices = std::move(words);
    return c;
}

std::string to_toml(const Value& value) {
    struct Printer {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            std::string s = fmt::format("{}", d);
            if (s.find_first_of(".eEni") == std::string::npos) s += ".0";
            return s;
        }
        std::string operator()(const std::string& s) const {
            std::string out = "\"";
            for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
            return out + "\"";
        }
        std::string operator()(const RealList& xs) const {
            std::string out = "[";
            for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + (*this)(xs[i]);
            return out + "]";
        }
        std::string operator()(const RealMatrix& m) const {
            std::string out = "[";
            for (std::size_t i = 0; i < m.size(); ++i) out += (i ? ", " : "") + (*this)(m[i]);
            return out + "]";
        }
    };
    return std::visit(Printer{}, value);
}

std::optional<double> as_number(const Value& value) {
    if (auto b = std::get_if<bool>(&value)) return *b ? 1.0 : 0.0;
    if (auto i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    if (auto d = std::get_if<double>(&value)) return *d;
    return std::nullopt;
}

namespace {

[[noreturn]] void fail(const Field& f, const SourcePos& pos, const std::string& what) {
    throw InputError(pos, f.path, what);
}

std::string range_text(const Field& f) {
    return fmt::format("allowed {} (unit: {})", f.constraint.describe(), f.unit);
}

void check_number(const Field& f, double x, const SourcePos& pos) {
    // inf and nan pass an open-ended interval's comparisons (or fail them silently), yet no
    // quantity of a run is infinite unless its key says what infinity means there.
    if (!std::isfinite(x) && !(std::isinf(x) && f.constraint.infinite_allowed))
        fail(f, pos, fmt::format("value {} is not a finite number; {}", x, range_text(f)));
    if (!f.constraint.admits(x))
        fail(f, pos, fmt::format("value {} is out of range; {}", x, range_text(f)));
}

Value coerce(const Field& f, const Value& v, const SourcePos& pos) {
    const auto wrong = [&]() {
        fail(f, pos, fmt::format("expected type {}, got {}; {}", kind_name(f.kind), abbreviate(to_toml(v)), range_text(f)));
    };
    switch (f.kind) {
        case Kind::boolean:
            if (!std::holds_alternative<bool>(v)) wrong();
            return v;
        case Kind::integer:
            if (!std::holds_alternative<std::int64_t>(v)) wrong();
            return v;
        case Kind::real:
            if (auto i = std::get_if<std::int64_t>(&v)) return Value{static_cast<double>(*i)};
            if (!std::holds_alternative<double>(v)) wrong();
            return v;
        case Kind::text:
            if (!std::holds_alternative<std::string>(v)) wrong();
            return v;
        case Kind::real_list:
            if (!std::holds_alternative<RealList>(v)) wrong();
            return v;
        case Kind::real_matrix:
            if (!std::holds_alternative<RealMatrix>(v)) wrong();
            return v;
    }
    throw InputError(pos, f.path, "unknown parameter kind");
}

}  // namespace

void assign(const Field& field, const Value& value, const SourcePos& pos) {
    const Value v = coerce(field, value, pos);
    if (auto n = as_number(v); n && field.kind != Kind::boolean) check_number(field, *n, pos);
    if (auto s = std::get_if<std::string>(&v); s && !field.constraint.admits(*s))
        fail(field, pos, fmt::format("\"{}\" is not allowed; {}", abbreviate(*s), range_text(field)));
    if (auto xs = std::get_if<RealList>(&v))
        for (double x : *xs) check_number(field, x, pos);
    if (auto m = std::get_if<RealMatrix>(&v))
        for (const auto& row : *m)
            for (double x : row) check_number(field, x, pos);
    field.set(v);
}

}  // namespace sim
