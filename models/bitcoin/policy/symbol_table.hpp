// The names a policy text uses, mapped to the ids the simulator works with: keys, preimages, and
// key groups ("functionary" with 15 keys named functionary[0] .. functionary[14]) that a design
// file expands with `functionary[*]`. Keys and preimages have separate name spaces.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin::policy {

class SymbolTable {
public:
    /// The id of key `name`, created on first use.
    KeyId key(std::string_view name);
    std::optional<KeyId> find_key(std::string_view name) const;
    const std::string& key_name(KeyId id) const { return key_names_.at(id); }
    std::size_t key_count() const { return key_names_.size(); }

    /// The id of preimage `name`, created on first use.
    PreimageId preimage(std::string_view name);
    std::optional<PreimageId> find_preimage(std::string_view name) const;
    const std::string& preimage_name(PreimageId id) const { return preimage_names_.at(id); }
    std::size_t preimage_count() const { return preimage_names_.size(); }

    /// Declares group `name` of `count` keys named name[0] .. name[count-1] (reusing keys of those
    /// names that exist) and returns them in order. Declaring a group twice with another count
    /// throws std::invalid_argument.
    const std::vector<KeyId>& declare_group(std::string_view name, std::uint32_t count);
    /// The keys of group `name` in order, or null when no such group was declared.
    const std::vector<KeyId>* group(std::string_view name) const;

    /// The group a key was declared in and its index there, if any (the printer folds whole
    /// groups back into name[*]).
    struct GroupMember {
        std::string group;
        std::uint32_t index = 0;
    };
    std::optional<GroupMember> group_of(KeyId id) const;

private:
    std::vector<std::string> key_names_;
    std::map<std::string, KeyId, std::less<>> keys_;
    std::vector<std::string> preimage_names_;
    std::map<std::string, PreimageId, std::less<>> preimages_;
    std::map<std::string, std::vector<KeyId>, std::less<>> groups_;
    std::map<KeyId, GroupMember> member_of_;
};

}  // namespace models::bitcoin::policy
