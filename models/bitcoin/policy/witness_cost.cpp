// Witness and script byte costs per fragment (BIP379 fragment tables).
#include "models/bitcoin/policy/witness_cost.hpp"

#include <variant>

namespace models::bitcoin::policy {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

/// Bytes of a minimal script-number push (BIP62 minimal encoding): OP_1..OP_16 take one byte.
std::int64_t script_num_bytes(std::uint32_t n) {
    if (n <= 16) return 1;
    std::int64_t bytes = 0;
    std::uint64_t v = n;
    while (v > 0) {
        ++bytes;
        v >>= 8;
    }
    // A set top bit would read as a sign, so script numbers add a zero byte then (BIP62).
    if ((n >> (8 * bytes - 1)) & 1u) ++bytes;
    return 1 + bytes;
}

/// Bytes of a length prefix (Bitcoin's CompactSize).
std::int64_t compact_size_bytes(std::int64_t n) {
    if (n < 253) return 1;
    if (n <= 0xFFFF) return 3;
    return 5;
}

}  // namespace

std::int64_t dissatisfaction_bytes(const Policy& p, const WitnessModel& m) {
    return std::visit(Overloaded{
                          [&](const Key&) { return m.empty_bytes; },
                          [&](const Hash&) { return m.preimage_dissat_bytes; },
                          // A timelock in a threshold is wrapped (d: or j:) so an empty push
                          // dissatisfies it.
                          [&](const After&) { return m.empty_bytes; },
                          [&](const Older&) { return m.empty_bytes; },
                          [&](const Thresh& t) {
                              if (t.k == 1 && t.subs.size() >= 2)  // or_i: last branch, n-1 zeros
                                  return dissatisfaction_bytes(t.subs.back(), m) +
                                         static_cast<std::int64_t>(t.subs.size() - 1) *
                                             m.empty_bytes;
                              std::int64_t sum = 0;
                              for (const Policy& s : t.subs) sum += dissatisfaction_bytes(s, m);
                              return sum;
                          },
                      },
                      p.node);
}

std::int64_t script_bytes(const Policy& p, const WitnessModel& m) {
    return std::visit(
        Overloaded{
            [&](const Key&) { return m.key_script_bytes; },
            [&](const Hash&) { return m.hash_script_bytes; },
            [&](const After& a) { return script_num_bytes(a.lock) + 1; },    // <n> OP_CLTV
            [&](const Older& o) { return script_num_bytes(o.blocks) + 1; },  // <n> OP_CSV
            [&](const Thresh& t) {
                std::int64_t sum = 0;
                for (const Policy& s : t.subs) sum += script_bytes(s, m);
                const auto n = static_cast<std::int64_t>(t.subs.size());
                if (t.k == t.subs.size()) return sum;    // and_v: VERIFY forms cost nothing
                if (t.k == 1) return sum + 3 * (n - 1);  // OP_IF OP_ELSE OP_ENDIF per or_i
                // thresh: OP_SWAP (s:) and OP_ADD per later sub, then <k> OP_EQUAL.
                return sum + 2 * (n - 1) + script_num_bytes(t.k) + 1;
            },
        },
        p.node);
}

std::int64_t or_selector_bytes(std::size_t i, std::size_t n, const WitnessModel& m) {
    const auto empties = static_cast<std::int64_t>(i < n - 1 ? i : n - 1);
    return empties * m.empty_bytes + (i < n - 1 ? m.selector_bytes : 0);
}

Weight input_witness_weight(const Policy& p, std::int64_t stack_bytes, const WitnessModel& m) {
    const std::int64_t script = script_bytes(p, m);
    const std::int64_t items = 1;  // the item count; fewer than 253 items in any policy we model
    return Weight{items + stack_bytes + compact_size_bytes(script) + script +
                  m.control_block_bytes};
}

}  // namespace models::bitcoin::policy
