// Byte costs of satisfying and dissatisfying each fragment, and the script a spend reveals, under
// a WitnessModel. The satisfier and the path enumerator share these so that a Path's weight means
// the same thing in both. Fragment choices follow the usual Miniscript compilation: and as and_v
// (nothing extra), or as a chain of or_i (IF/ELSE/ENDIF, a selector per level), other thresholds
// as Miniscript thresh (every sub satisfied or dissatisfied, OP_ADD between them). BIP379.
#pragma once

#include <cstdint>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/policy/witness_model.hpp"
#include "models/bitcoin/units.hpp"

namespace models::bitcoin::policy {

/// Stack bytes of dissatisfying `p` (used for the untaken subs of a k-of-n threshold).
std::int64_t dissatisfaction_bytes(const Policy& p, const WitnessModel& m);

/// Script bytes of `p` compiled as above.
std::int64_t script_bytes(const Policy& p, const WitnessModel& m);

/// Bytes or_i selectors push to take branch `i` of an n-way or (a right-nested or_i chain):
/// branch i < n-1 pushes i empties and one <1>; the last branch pushes n-1 empties.
std::int64_t or_selector_bytes(std::size_t i, std::size_t n, const WitnessModel& m);

/// The whole input witness in WU for a satisfaction of `stack_bytes` under policy `p`: the item
/// count, the stack, the witness script with its length, and the control block if any.
Weight input_witness_weight(const Policy& p, std::int64_t stack_bytes, const WitnessModel& m);

}  // namespace models::bitcoin::policy
