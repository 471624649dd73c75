// Majority reorg: replace the last d blocks of the chain (the honest chain starts d blocks ahead
// of the fork point) with a strictly longer private branch, typically with rented hash
// (Budish 2018; crypto51's rental cost). It is the double-spend race with nothing to wait for
// (z = 0) and the overtake rule, started d blocks behind; it gives up at the deficit or time limit.
#pragma once

#include "models/attacks/double_spend.hpp"

namespace models::attacks {

class MajorityReorg : public DoubleSpend {
public:
    MajorityReorg(const BitcoinParams& p, RaceWorld& w);
};

}  // namespace models::attacks
