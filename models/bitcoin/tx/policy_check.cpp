// Policy evaluation against one input's witness and the transaction's timelock fields.
#include "models/bitcoin/tx/policy_check.hpp"

#include <algorithm>
#include <variant>

#include "models/bitcoin/tx/lock_time.hpp"

namespace models::bitcoin {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

bool holds(const policy::Policy& p, const Transaction& tx, const TxIn& in) {
    using namespace policy;
    return std::visit(Overloaded{
                          [&](const Key& k) {
                              return std::ranges::find(in.witness.keys, k.key) !=
                                     in.witness.keys.end();
                          },
                          [&](const Hash& h) {
                              return std::ranges::find(in.witness.preimages, h.preimage) !=
                                     in.witness.preimages.end();
                          },
                          [&](const After& a) { return cltv_passes(a.lock, tx, in); },
                          [&](const Older& o) { return csv_passes(o.blocks, tx, in); },
                          [&](const Thresh& t) {
                              if (t.k == 0) return true;
                              std::uint32_t count = 0;
                              for (const Policy& s : t.subs)
                                  if (holds(s, tx, in) && ++count >= t.k) return true;
                              return false;
                          },
                      },
                      p.node);
}

}  // namespace

bool witness_satisfies(const policy::Policy& policy, const Transaction& tx, std::size_t input) {
    return holds(policy, tx, tx.inputs.at(input));
}

}  // namespace models::bitcoin
