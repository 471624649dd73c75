// Replacement of conflicting mempool transactions.
// Pre-cluster (BIP125 as Core v28 applies it: policy/rbf.cpp, validation.cpp ReplacementChecks,
// doc/policy/mempool-replacements.md):
//   1. every directly conflicting tx signals replaceability (nSequence <= 0xfffffffd on an input,
//      or inherited from an unconfirmed ancestor), or is TRUC; waived by full-RBF (default v28);
//   2. the replacement adds no unconfirmed input that no conflict already spent from;
//   3. it pays an absolute fee at least the sum of every replaced tx (conflicts and their
//      descendants): the rule that lets a large low-feerate conflict pin a claim;
//   4. the extra fee pays for its own relay at the incremental relay feerate;
//   5. at most 100 transactions are replaced (MAX_REPLACEMENT_CANDIDATES, conflicts + descendants);
//   6. (Core's addition) its feerate is above each direct conflict's feerate.
// Cluster (Core v31, PR #33629): rules 1, 3 and 4 stay; rule 5 counts distinct conflicting
// clusters; rules 2 and 6 give way to the feerate diagram of the affected clusters, which must be
// strictly better after the replacement (release-notes-33629.md).
// A 1p1c package may replace (package RBF, Core v28 PR #28984, doc/policy/packages.md): rules 1,
// 3, 4, 5 on the package's total, a strictly better diagram, no in-mempool ancestor of the package
// and conflicts only in clusters of at most two. This model keeps that restriction under the
// cluster rules too (not checked against v31).
#pragma once

#include <optional>

#include "models/bitcoin/mempool/reject.hpp"

namespace models::bitcoin::mempool {

class Mempool;
struct Candidate;

/// For a single transaction with at least one conflict.
std::optional<Reject> check_replacement(const Candidate& c, const Mempool& pool);

/// For a 1p1c package whose members together conflict with something.
std::optional<Reject> check_package_replacement(const Candidate& parent, const Candidate& child,
                                                const Mempool& pool);

}  // namespace models::bitcoin::mempool
