// Censorship by a private race over the window: from the start of the window the censor mines its
// own chain without the transaction and never publishes a block that honest miners could extend
// (they would include the tx). It publishes once its chain has at least `censor_window_blocks`
// blocks and is strictly longer than the public chain: the honest nodes switch (most work) and
// the window's main-chain blocks are all the censor's. It gives up when the public chain leads by
// `give_up_deficit` blocks. Against feather-forking (models/attacks/censorship.hpp), which gives
// up block by block, a minority wins far more often over long windows; the race and its closed
// form are derived in closed_forms.hpp (censor_private_race).
#pragma once

#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

class PrivateRaceCensorship {
public:
    PrivateRaceCensorship(const BitcoinParams& p, RaceWorld& w);
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld&) const { return finished_; }
    void finish(RaceWorld& w);
    AttackResult result() const { return result_; }

private:
    void check(RaceWorld& w);

    std::uint32_t window_;
    std::uint32_t deficit_;
    BlockId private_tip_ = bitcoin::genesis_block;
    bool finished_ = false;
    AttackResult result_;
};

}  // namespace models::attacks
