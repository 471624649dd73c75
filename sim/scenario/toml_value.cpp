// toml++ node -> engine Value, with the node's position for error messages.
#include "sim/scenario/toml_value.hpp"

namespace sim {

SourcePos position(const toml::source_region& region, const std::string& file) {
    return SourcePos{file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

namespace {

std::optional<double> number_of(const toml::node& n) {
    if (auto i = n.as_integer()) return static_cast<double>(i->get());
    if (auto d = n.as_floating_point()) return d->get();
    return std::nullopt;
}

RealList numbers_of(const toml::array& a, const std::string& file, const std::string& key) {
    RealList out;
    for (const auto& item : a) {
        auto x = number_of(item);
        if (!x) throw InputError(position(item.source(), file), key, "expected a number in this list");
        out.push_back(*x);
    }
    return out;
}

}  // namespace

Value toml_to_value(const toml::node& node, const std::string& file, const std::string& key) {
    if (auto b = node.as_boolean()) return Value{b->get()};
    if (auto i = node.as_integer()) return Value{static_cast<std::int64_t>(i->get())};
    if (auto d = node.as_floating_point()) return Value{d->get()};
    if (auto s = node.as_string()) return Value{s->get()};
    if (auto a = node.as_array()) {
        if (!a->empty() && a->front().is_array()) {
            RealMatrix m;
            for (const auto& row : *a) {
                if (!row.is_array())
                    throw InputError(position(row.source(), file), key, "expected a list of numbers");
                m.push_back(numbers_of(*row.as_array(), file, key));
            }
            return Value{m};
        }
        return Value{numbers_of(*a, file, key)};
    }
    throw InputError(position(node.source(), file), key,
                     node.is_table() ? "expected a value, got a table" : "unsupported value type");
}

}  // namespace sim
