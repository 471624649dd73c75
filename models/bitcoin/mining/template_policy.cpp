// See template_policy.hpp.
#include "models/bitcoin/mining/template_policy.hpp"

#include <cmath>
#include <stdexcept>

namespace models::bitcoin {

BribeRule bribe_rule_from(const std::string& word) {
    if (word == "ignore") return BribeRule::ignore;
    if (word == "myopic") return BribeRule::myopic;
    if (word == "non_myopic") return BribeRule::non_myopic;
    throw std::invalid_argument("unknown bribe rule " + word);
}

std::vector<bool> non_myopic_censors(const std::vector<double>& shares, double bribe_sat, double given_up_sat,
                                     std::uint32_t blocks_left) {
    std::vector<bool> in(shares.size(), true);
    for (bool changed = true; changed;) {
        changed = false;
        double set_share = 0.0;
        for (std::size_t j = 0; j < shares.size(); ++j)
            if (in[j]) set_share += shares[j];
        const double all_censor = std::pow(set_share, static_cast<double>(blocks_left));
        for (std::size_t j = 0; j < shares.size(); ++j)
            if (in[j] && !(shares[j] * bribe_sat * all_censor > given_up_sat)) {
                in[j] = false;
                changed = true;
            }
    }
    return in;
}

}  // namespace models::bitcoin
