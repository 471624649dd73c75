// Where a design file's error points (file, line, column of a TOML node) and the dotted key it
// names, shared by the design file's readers (design, presigned graph, exit trees) so that every
// error reads `file:line:col: error: key 'a.b.c': ...`.
#pragma once

#include <toml++/toml.h>

#include <set>
#include <string>

#include "sim/params/input_error.hpp"

namespace models::layer2::design {

struct KeyPlace {
    const std::string& file;
    std::string key;

    KeyPlace sub(const std::string& k) const { return KeyPlace{file, key.empty() ? k : key + "." + k}; }
    sim::SourcePos at(const toml::node& n) const {
        const auto& b = n.source().begin;
        return sim::SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)};
    }
    [[noreturn]] void fail(const toml::node& n, const std::string& message) const {
        throw sim::InputError(at(n), key, message);
    }
};

/// Refuses a key of `t` outside `allowed`, pointing at the key itself (toml++ gives keys their own
/// source region) and listing what is allowed there.
inline void only_keys(const toml::table& t, const KeyPlace& where, const std::set<std::string>& allowed) {
    for (const auto& [k, v] : t) {
        const std::string name(k.str());
        if (allowed.contains(name)) continue;
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        const auto& b = k.source().begin;
        const sim::SourcePos pos =
            b.line > 0 ? sim::SourcePos{where.file, static_cast<int>(b.line), static_cast<int>(b.column)} : where.at(v);
        throw sim::InputError(pos, where.sub(name).key, "unknown key (allowed here: " + list + ")");
    }
}

}  // namespace models::layer2::design
