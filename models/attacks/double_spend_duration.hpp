// How long a double-spend race lasts, exactly, from an absorbing Markov chain solved with Eigen:
// the oracle for the simulated attack duration (and so for the rented hash x time it is charged).
// Blocks arrive as one Poisson process whichever side finds them, so the expected duration is the
// expected number of blocks found (both branches) times the mean interval at the combined rate.
#pragma once

namespace models::attacks {

/// Expected blocks found (honest and attacker, all branches) until the race of the Bitcoin model's
/// DoubleSpend strategy ends: the attacker publishes once the merchant has z confirmations and its
/// branch wins (overtake: strictly longer), or gives up `deficit` blocks behind. States: (honest
/// blocks capped at z, honest minus attacker blocks); an attacker whose lead already covers the
/// confirmations still to come wins for sure, after the (z - k) / p blocks that take.
double double_spend_expected_blocks(double q, int z, int deficit, bool overtake);

}  // namespace models::attacks
