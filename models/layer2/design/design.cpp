// See design.hpp.
#include "models/layer2/design/design.hpp"

#include <stdexcept>

namespace models::layer2::design {

const KeyGroup& Design::group_of(bitcoin::KeyId k) const {
    const auto member = symbols.group_of(k);
    if (!member) throw std::logic_error("key " + symbols.key_name(k) + " is in no key group");
    for (const KeyGroup& g : key_groups)
        if (g.name == member->group) return g;
    throw std::logic_error("key group " + member->group + " not declared");
}

const AgentClass& Design::holder_of(bitcoin::KeyId k) const {
    return agents.at(group_of(k).held_by);
}

const Watcher* Design::watcher(const std::string& reacts) const {
    for (const Watcher& w : watchers)
        if (w.reacts == reacts) return &w;
    return nullptr;
}

}  // namespace models::layer2::design
