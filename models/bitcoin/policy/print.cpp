// The policy printer (the inverse of parse.cpp).
#include "models/bitcoin/policy/print.hpp"

namespace models::bitcoin::policy {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

void print_to(std::string& out, const Policy& p, const SymbolTable& symbols);

/// If subs[i..] starts with every key of a declared group in order, the group's size; else 0.
std::size_t group_run(const std::vector<Policy>& subs, std::size_t i, const SymbolTable& symbols,
                      std::string& name) {
    const auto* first = std::get_if<Key>(&subs[i].node);
    if (first == nullptr) return 0;
    const auto member = symbols.group_of(first->key);
    if (!member || member->index != 0) return 0;
    const auto& keys = *symbols.group(member->group);
    if (keys.size() < 1 || i + keys.size() > subs.size()) return 0;
    for (std::size_t j = 0; j < keys.size(); ++j) {
        const auto* k = std::get_if<Key>(&subs[i + j].node);
        if (k == nullptr || k->key != keys[j]) return 0;
    }
    name = member->group;
    return keys.size();
}

void print_subs(std::string& out, const std::vector<Policy>& subs, const SymbolTable& symbols) {
    for (std::size_t i = 0; i < subs.size();) {
        if (i > 0) out += ",";
        std::string group;
        if (const std::size_t n = group_run(subs, i, symbols, group); n > 0) {
            out += group + "[*]";
            i += n;
            continue;
        }
        print_to(out, subs[i], symbols);
        ++i;
    }
}

void print_thresh(std::string& out, const Thresh& t, const SymbolTable& symbols) {
    const std::size_t n = t.subs.size();
    if (n >= 2 && t.k == n) {
        out += "and(";
    } else if (n >= 2 && t.k == 1) {
        out += "or(";
    } else {
        out += "thresh(" + std::to_string(t.k) + ",";
    }
    print_subs(out, t.subs, symbols);
    out += ")";
}

void print_to(std::string& out, const Policy& p, const SymbolTable& symbols) {
    std::visit(
        Overloaded{
            [&](const Key& k) { out += "pk(" + symbols.key_name(k.key) + ")"; },
            [&](const Hash& h) { out += "sha256(" + symbols.preimage_name(h.preimage) + ")"; },
            [&](const After& a) { out += "after(" + std::to_string(a.lock) + ")"; },
            [&](const Older& o) { out += "older(" + std::to_string(o.blocks) + ")"; },
            [&](const Thresh& t) { print_thresh(out, t, symbols); },
        },
        p.node);
}

}  // namespace

std::string print(const Policy& policy, const SymbolTable& symbols) {
    std::string out;
    print_to(out, policy, symbols);
    return out;
}

}  // namespace models::bitcoin::policy
