// A scenario parameter declared once: name, type, default, unit, allowed range and one-line help.
// A params struct lists its fields in `describe(v)`; visiting it with a FieldCollector yields the
// Field records that drive parsing, validation, `l2sim describe` and provenance (SST's idea).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "sim/params/input_error.hpp"

namespace sim {

using RealList = std::vector<double>;
using RealMatrix = std::vector<std::vector<double>>;
using Value = std::variant<bool, std::int64_t, double, std::string, RealList, RealMatrix>;

enum class Kind { boolean, integer, real, text, real_list, real_matrix };
std::string_view kind_name(Kind kind);

/// What values a field admits: a numeric interval (applied to every element of a list) or a set
/// of words.
struct Constraint {
    std::optional<double> lo, hi;
    bool lo_open = false, hi_open = false;
    std::vector<std::string> choices;
    /// inf is a meaningful value (e.g. "never"); nan never is. Off by default: see with_infinity.
    bool infinite_allowed = false;

    bool admits(double x) const;
    bool admits(const std::string& word) const;
    std::string describe() const;  ///< "[0, 1]", "(0, inf)", "one of: a | b", or "any"
};

Constraint in_range(double lo, double hi);
Constraint open_closed(double lo, double hi);  ///< (lo, hi]
Constraint positive();
Constraint non_negative();
Constraint at_least(double lo);
Constraint one_of(std::vector<std::string> words);
/// `c` with +/-inf admitted where its bounds admit them: only for keys whose help says what inf means.
Constraint with_infinity(Constraint c);

struct Field {
    std::string path;  ///< dotted, e.g. "attacker.hash_share"
    Kind kind;
    std::string unit;  ///< "1" for dimensionless
    std::string help;
    Constraint constraint;
    std::string default_text;  ///< the default as TOML text
    std::function<void(const Value&)> set;
    std::function<Value()> get;
};

/// Converts `value` to the field's kind, checks the constraint and stores it; throws InputError
/// naming `pos`, the key, the allowed range and the unit.
void assign(const Field& field, const Value& value, const SourcePos& pos);
/// TOML text of a value: `0.25`, `"selfish"`, `[1.0, 2.0]`.
std::string to_toml(const Value& value);
/// Numeric view of a scalar value (bool -> 0/1); nullopt for text and lists.
std::optional<double> as_number(const Value& value);

/// Visitor that turns `describe(v)` calls into Field records bound to one params object.
class FieldCollector {
public:
    explicit FieldCollector(std::vector<Field>& out) : out_(out) {}

    template <class T>
    void field(std::string_view name, T& ref, std::string_view unit, std::string_view help,
               Constraint constraint = {}) {
        Field f{prefix_ + std::string(name), kind_of<T>(), std::string(unit), std::string(help),
                std::move(constraint), {}, {}, {}};
        f.set = [&ref](const Value& v) { store(ref, v); };
        f.get = [&ref]() { return load(ref); };
        f.default_text = to_toml(f.get());
        out_.push_back(std::move(f));
    }

    template <class Section>
    void section(std::string_view name, Section& sub) {
        const std::string saved = prefix_;
        prefix_ += std::string(name) + ".";
        sub.describe(*this);
        prefix_ = saved;
    }

private:
    template <class T>
    static constexpr Kind kind_of() {
        if constexpr (std::is_same_v<T, bool>) return Kind::boolean;
        else if constexpr (std::is_integral_v<T>) return Kind::integer;
        else if constexpr (std::is_floating_point_v<T>) return Kind::real;
        else if constexpr (std::is_same_v<T, std::string>) return Kind::text;
        else if constexpr (std::is_same_v<T, RealList>) return Kind::real_list;
        else {
            static_assert(std::is_same_v<T, RealMatrix>, "unsupported parameter type");
            return Kind::real_matrix;
        }
    }
    template <class T>
    static void store(T& ref, const Value& v) {
        if constexpr (std::is_same_v<T, bool>) ref = std::get<bool>(v);
        else if constexpr (std::is_integral_v<T>) ref = static_cast<T>(std::get<std::int64_t>(v));
        else if constexpr (std::is_floating_point_v<T>) ref = std::get<double>(v);
        else ref = std::get<T>(v);
    }
    template <class T>
    static Value load(const T& ref) {
        if constexpr (std::is_same_v<T, bool>) return Value{ref};
        else if constexpr (std::is_integral_v<T>) return Value{static_cast<std::int64_t>(ref)};
        else if constexpr (std::is_floating_point_v<T>) return Value{static_cast<double>(ref)};
        else return Value{ref};
    }

    std::vector<Field>& out_;
    std::string prefix_;
};

}  // namespace sim
