// See strongest_censor.hpp.
#include "models/attacks/strongest_censor.hpp"

#include <algorithm>
#include <cmath>

#include "models/attacks/closed_forms.hpp"

namespace models::attacks {

CensorChoice strongest_censor(double alpha, int depth, int window) {
    namespace cf = closed_forms;
    const double fork = cf::censored_unconfirmed(alpha, depth, window);
    const double race = cf::censor_private_race(alpha, window);
    const bool pick_race = alpha < 0.5 && race > fork;
    return {pick_race ? CensorStrategy::private_race : CensorStrategy::feather_fork, fork, race};
}

int private_race_give_up_deficit(double alpha) {
    const double r = alpha / (1.0 - alpha);
    if (!(r > 0.0 && r < 1.0)) return 1000;
    return std::max(1, static_cast<int>(std::ceil(std::log(1e-6) / std::log(r))) - 1);
}

}  // namespace models::attacks
