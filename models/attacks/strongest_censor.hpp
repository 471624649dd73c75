// The censor's choice between its two strategies over a window of k blocks: feather-forking
// (re-fork each block with the tx, give up at a depth; models/attacks/censorship.hpp) and the
// private race from the window's start (models/attacks/private_race_censorship.hpp). The censor
// knows its share and the window, so it picks the one with the higher success probability by
// their closed forms (closed_forms.hpp). Both are simulated; the closed forms only pick. The
// private race is offered to a minority only (alpha < 1/2): at alpha >= 1/2 it has no give-up
// rule that keeps its closed form, and a majority feather-forker that never gives up
// (depth >= window) already wins.
#pragma once

namespace models::attacks {

enum class CensorStrategy { feather_fork, private_race };

struct CensorChoice {
    CensorStrategy strategy;
    double feather_fork_success;  ///< P(tx kept out of the window) by feather-forking
    double private_race_success;  ///< the same by the private race (no give-up)
    /// The chosen strategy's closed form.
    double success() const { return strategy == CensorStrategy::private_race ? private_race_success : feather_fork_success; }
};

CensorChoice strongest_censor(double alpha, int feather_fork_depth, int window_blocks);

/// Give-up deficit for a private racer with alpha < 1/2: the smallest D with
/// (alpha/(1-alpha))^(D+1) <= 1e-6, so giving up moves its success by at most 1e-6
/// (closed_forms.hpp, censor_private_race) while a lost race ends in bounded time.
int private_race_give_up_deficit(double alpha);

}  // namespace models::attacks
