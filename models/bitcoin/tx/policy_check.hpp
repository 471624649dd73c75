// Does an input's witness satisfy the spent output's policy? This stands for script execution:
// pk(K) holds when the witness carries K's signature, sha256(H) when it reveals H's preimage,
// after(n) and older(n) when the spending transaction's nLockTime / the input's nSequence pass
// OP_CHECKLOCKTIMEVERIFY / OP_CHECKSEQUENCEVERIFY (lock_time.hpp), and thresh(k, ...) when at
// least k subs hold. Whether those fields are met by the chain is checked apart (consensus.hpp).
#pragma once

#include <cstddef>

#include "models/bitcoin/policy/ast.hpp"
#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

bool witness_satisfies(const policy::Policy& policy, const Transaction& tx, std::size_t input);

}  // namespace models::bitcoin
