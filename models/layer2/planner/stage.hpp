// One plan's ground in one run: the design output under attack as a confirmed coin, the heights
// that matter (when the coin confirmed, when the plan's path opens, when the run starts, when the
// defenders rotate), the bonds of the keys that may sign a theft, and the keys and preimage only
// the simulation adds (the adversary's payout key, the slashing watcher's key, the theft proof).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "models/bitcoin/mempool/mempool.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/policy/symbol_table.hpp"
#include "models/bitcoin/tx/transaction.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"

namespace models::layer2::planner {

struct Bond {
    bitcoin::KeyId key = 0;
    bitcoin::Outpoint coin;
    bitcoin::TxOut out;
    bool bribed = false;  ///< its holder took the adversary's bribe (the adversary makes good a slash)
};

struct Stage {
    bitcoin::policy::SymbolTable symbols;
    std::shared_ptr<const bitcoin::policy::Policy> policy;
    bitcoin::Outpoint coin;
    bitcoin::TxOut coin_out;
    bitcoin::Height confirmed_h = 0;
    bitcoin::Height opens_h = 0;   ///< first height whose block may confirm the plan's spend
    bitcoin::Height rotate_h = 0;  ///< first height whose block may confirm a rotation (0: none)
    bitcoin::Height start_h = 0;   ///< the chain's tip when the run starts
    bitcoin::KeyId attacker = 0;
    bitcoin::KeyId slasher = 0;
    bitcoin::KeyId exiting_user = 0;  ///< signs the users' exits (roles/exit_racer.hpp)
    bitcoin::PreimageId proof = 0;
    std::shared_ptr<const bitcoin::policy::Policy> attacker_payout;
    std::int64_t unbond_blocks = 0;
    std::vector<Bond> bonds;

    bitcoin::policy::Assets assets(std::vector<bitcoin::KeyId> keys, bitcoin::Height height) const;
};

/// The coin a design output holds is confirmed at this height (far enough from 0 that a run can
/// start a rotation window before it opens).
inline constexpr bitcoin::Height coin_height = 1000;

/// The stage of `plan` on design `d`. `signers`: keys that may sign the theft (bonds made for them).
Stage make_stage(const design::Design& d, const Plan& plan, const std::vector<bitcoin::KeyId>& signers,
                 const std::vector<bitcoin::KeyId>& bribed, bitcoin::TxId coin_tx, bitcoin::TxId first_bond_tx);

/// A spend of `coin` along the cheapest path `assets` allow, paying all but the fee to `payout`;
/// empty when no path is valid.
bitcoin::Transaction spend_along(bitcoin::TxId id, const bitcoin::Outpoint& coin, const bitcoin::TxOut& out,
                                 const bitcoin::policy::Assets& assets,
                                 const std::shared_ptr<const bitcoin::policy::Policy>& payout,
                                 const std::function<bitcoin::Sat(bitcoin::Weight)>& fee_for);

/// The least fee that lets a spend of `coin` of weight `w` at `rate` replace whatever else spends
/// it in the mempool: BIP125 rules 3 and 4, and Core's rule 6 (a higher feerate).
bitcoin::Sat replacing_fee(bitcoin::Weight w, double rate_sat_vb, const bitcoin::Outpoint& coin, bitcoin::TxId self,
                           const bitcoin::mempool::Mempool& mempool);

}  // namespace models::layer2::planner
