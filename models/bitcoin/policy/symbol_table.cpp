// Name <-> id maps for policy keys, preimages and key groups.
#include "models/bitcoin/policy/symbol_table.hpp"

#include <stdexcept>

namespace models::bitcoin::policy {

namespace {
template <class Map, class Names>
std::uint32_t intern(Map& ids, Names& names, std::string_view name) {
    if (auto it = ids.find(name); it != ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(names.size());
    names.emplace_back(name);
    ids.emplace(std::string(name), id);
    return id;
}

template <class Map>
std::optional<std::uint32_t> lookup(const Map& ids, std::string_view name) {
    if (auto it = ids.find(name); it != ids.end()) return it->second;
    return std::nullopt;
}
}  // namespace

KeyId SymbolTable::key(std::string_view name) {
    return intern(keys_, key_names_, name);
}

std::optional<KeyId> SymbolTable::find_key(std::string_view name) const {
    return lookup(keys_, name);
}

PreimageId SymbolTable::preimage(std::string_view name) {
    return intern(preimages_, preimage_names_, name);
}

std::optional<PreimageId> SymbolTable::find_preimage(std::string_view name) const {
    return lookup(preimages_, name);
}

const std::vector<KeyId>& SymbolTable::declare_group(std::string_view name, std::uint32_t count) {
    if (auto it = groups_.find(name); it != groups_.end()) {
        if (it->second.size() != count)
            throw std::invalid_argument("key group '" + std::string(name) +
                                        "' declared again with another count");
        return it->second;
    }
    std::vector<KeyId> members;
    members.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const KeyId id = key(std::string(name) + "[" + std::to_string(i) + "]");
        members.push_back(id);
        member_of_[id] = GroupMember{std::string(name), i};
    }
    return groups_.emplace(std::string(name), std::move(members)).first->second;
}

const std::vector<KeyId>* SymbolTable::group(std::string_view name) const {
    auto it = groups_.find(name);
    return it == groups_.end() ? nullptr : &it->second;
}

std::optional<SymbolTable::GroupMember> SymbolTable::group_of(KeyId id) const {
    auto it = member_of_.find(id);
    if (it == member_of_.end()) return std::nullopt;
    return it->second;
}

}  // namespace models::bitcoin::policy
