// See double_spend_duration.hpp. N(s) = 1 + p N(honest step) + q N(attacker step), solved on the
// double-spend chain of markov_exact.hpp.
#include "models/attacks/double_spend_duration.hpp"

#include "models/attacks/markov_exact.hpp"

namespace models::attacks {

double double_spend_expected_blocks(double q, int z, int deficit, bool overtake) {
    // Success is certain once the lead covers the confirmations to come; it happens when the
    // honest side has mined them: (z - k) honest blocks, (z - k) / p blocks in all (negative
    // binomial).
    const double p = 1.0 - q;
    return double_spend_chain_value(q, z, deficit, overtake, 1.0, [&](int k) { return (z - k) / p; });
}

}  // namespace models::attacks
