// What one party holds at one moment, and the cheapest way it can spend an output with it. Every
// query defaults to "no" (rust-miniscript src/miniscript/satisfy.rs): list only what the party
// holds. The timelock rules are the consensus ones, so a Path found here is one the consensus
// check (tx/consensus.hpp) accepts in a block at `height`.
#pragma once

#include <cstdint>
#include <optional>
#include <set>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/path.hpp"
#include "models/bitcoin/policy/witness_model.hpp"

namespace models::bitcoin::policy {

struct Assets {
    std::set<KeyId> keys;
    std::set<PreimageId> preimages;
    /// Height of the block the spend would confirm in. after(n) with a height n is met when
    /// n < height: nLockTime can be at most height - 1 and still be final (BIP65; Bitcoin Core
    /// IsFinalTx in consensus/tx_verify.cpp compares nLockTime < nBlockHeight).
    Height height = 0;
    /// Median time past of the block before it (BIP113). after(n) with a time n is met when
    /// n < mtp_s.
    std::int64_t mtp_s = 0;
    /// Blocks since the spent output confirmed: spend height minus the output's height. older(n)
    /// is met when age_blocks >= n (BIP68: the output's height + n - 1 < spend height).
    std::uint32_t age_blocks = 0;

    /// Assets with every timelock met: the path a presigner commits to whatever the time.
    static Assets whenever(std::set<KeyId> keys, std::set<PreimageId> preimages = {});
};

/// after(n) met in a block at `height` whose previous median time past is `mtp_s`.
bool after_met(std::uint32_t lock, Height height, std::int64_t mtp_s);

/// The cheapest path (least witness weight) the party can take, or none.
std::optional<Path> satisfy(const Policy& policy, const Assets& assets,
                            const WitnessModel& model = WitnessModel::p2wsh());

}  // namespace models::bitcoin::policy
