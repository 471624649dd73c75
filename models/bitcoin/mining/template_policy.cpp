// See template_policy.hpp.
#include "models/bitcoin/mining/template_policy.hpp"

#include <stdexcept>

namespace models::bitcoin {

BribeRule bribe_rule_from(const std::string& word) {
    if (word == "ignore") return BribeRule::ignore;
    if (word == "myopic") return BribeRule::myopic;
    throw std::invalid_argument("unknown bribe rule " + word);
}

}  // namespace models::bitcoin
