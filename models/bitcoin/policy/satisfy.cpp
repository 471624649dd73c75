// The satisfier. A threshold takes the k subs whose satisfaction costs least over their
// dissatisfaction (Miniscript thresh pays a dissatisfaction for every untaken sub), an or takes
// its cheapest branch plus the or_i selectors, an and takes everything. A spend cannot mix a
// height after() with a time after() (nLockTime has one kind, BIP65), so the search runs once per
// kind and keeps the cheaper result.
#include "models/bitcoin/policy/satisfy.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "models/bitcoin/policy/witness_cost.hpp"

namespace models::bitcoin::policy {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

enum class LockKind { height, time };

struct Part {
    Path path;  ///< requirements; the weight is in stack_bytes until the end
    std::int64_t stack_bytes = 0;
};

template <class T>
void merge_sorted(std::vector<T>& into, const std::vector<T>& from) {
    std::vector<T> out;
    std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(out));
    into = std::move(out);
}

void merge(Part& into, const Part& from) {
    merge_sorted(into.path.keys, from.path.keys);
    merge_sorted(into.path.preimages, from.path.preimages);
    into.path.after = std::max(into.path.after, from.path.after);
    into.path.older_blocks = std::max(into.path.older_blocks, from.path.older_blocks);
    into.stack_bytes += from.stack_bytes;
}

class Satisfier {
public:
    Satisfier(const Assets& a, LockKind kind, const WitnessModel& m) : a_(a), kind_(kind), m_(m) {}

    std::optional<Part> best(const Policy& p) const {
        return std::visit(Overloaded{
                              [&](const Key& k) { return key(k); },
                              [&](const Hash& h) { return hash(h); },
                              [&](const After& t) { return lock_after(t); },
                              [&](const Older& t) { return lock_older(t); },
                              [&](const Thresh& t) { return threshold(t); },
                          },
                          p.node);
    }

private:
    std::optional<Part> key(const Key& k) const {
        if (!a_.keys.contains(k.key)) return std::nullopt;
        Part part;
        part.path.keys = {k.key};
        part.stack_bytes = m_.signature_bytes;
        return part;
    }

    std::optional<Part> hash(const Hash& h) const {
        if (!a_.preimages.contains(h.preimage)) return std::nullopt;
        Part part;
        part.path.preimages = {h.preimage};
        part.stack_bytes = m_.preimage_bytes;
        return part;
    }

    std::optional<Part> lock_after(const After& t) const {
        if (t.is_time() != (kind_ == LockKind::time)) return std::nullopt;
        if (!after_met(t.lock, a_.height, a_.mtp_s)) return std::nullopt;
        Part part;
        part.path.after = t.lock;
        return part;
    }

    std::optional<Part> lock_older(const Older& t) const {
        if (a_.age_blocks < t.blocks) return std::nullopt;
        Part part;
        part.path.older_blocks = t.blocks;
        return part;
    }

    std::optional<Part> threshold(const Thresh& t) const {
        const std::size_t n = t.subs.size();
        std::vector<std::optional<Part>> sat(n);
        for (std::size_t i = 0; i < n; ++i) sat[i] = best(t.subs[i]);
        if (t.k == n) return all(sat);
        if (t.k == 1 && n >= 2) return cheapest_branch(sat);
        return k_of_n(t, sat);
    }

    static std::optional<Part> all(const std::vector<std::optional<Part>>& sat) {
        Part out;
        for (const auto& s : sat) {
            if (!s) return std::nullopt;
            merge(out, *s);
        }
        return out;
    }

    std::optional<Part> cheapest_branch(const std::vector<std::optional<Part>>& sat) const {
        std::optional<Part> out;
        for (std::size_t i = 0; i < sat.size(); ++i) {
            if (!sat[i]) continue;
            const std::int64_t cost = sat[i]->stack_bytes + or_selector_bytes(i, sat.size(), m_);
            if (out && out->stack_bytes <= cost) continue;
            out = sat[i];
            out->stack_bytes = cost;
        }
        return out;
    }

    std::optional<Part> k_of_n(const Thresh& t, const std::vector<std::optional<Part>>& sat) const {
        std::vector<std::size_t> ok;
        std::vector<std::int64_t> dissat(sat.size());
        for (std::size_t i = 0; i < sat.size(); ++i) {
            dissat[i] = dissatisfaction_bytes(t.subs[i], m_);
            if (sat[i]) ok.push_back(i);
        }
        if (ok.size() < t.k) return std::nullopt;
        // Taking sub i instead of dissatisfying it costs sat_i - dissat_i: take the k cheapest.
        std::stable_sort(ok.begin(), ok.end(), [&](std::size_t x, std::size_t y) {
            return sat[x]->stack_bytes - dissat[x] < sat[y]->stack_bytes - dissat[y];
        });
        Part out;
        out.stack_bytes = std::accumulate(dissat.begin(), dissat.end(), std::int64_t{0});
        for (std::size_t j = 0; j < t.k; ++j) {
            merge(out, *sat[ok[j]]);
            out.stack_bytes -= dissat[ok[j]];
        }
        return out;
    }

    const Assets& a_;
    LockKind kind_;
    const WitnessModel& m_;
};

}  // namespace

Assets Assets::whenever(std::set<KeyId> keys, std::set<PreimageId> preimages) {
    Assets a;
    a.keys = std::move(keys);
    a.preimages = std::move(preimages);
    a.height = std::numeric_limits<Height>::max();
    a.mtp_s = std::numeric_limits<std::int64_t>::max();
    a.age_blocks = std::numeric_limits<std::uint32_t>::max();
    return a;
}

bool after_met(std::uint32_t lock, Height height, std::int64_t mtp_s) {
    if (lock >= lock_time_threshold) return static_cast<std::int64_t>(lock) < mtp_s;
    return lock < height;
}

std::optional<Path> satisfy(const Policy& policy, const Assets& assets, const WitnessModel& model) {
    std::optional<Part> best;
    for (LockKind kind : {LockKind::height, LockKind::time}) {
        auto part = Satisfier(assets, kind, model).best(policy);
        if (part && (!best || part->stack_bytes < best->stack_bytes)) best = std::move(part);
    }
    if (!best) return std::nullopt;
    best->path.witness = input_witness_weight(policy, best->stack_bytes, model);
    return std::move(best->path);
}

}  // namespace models::bitcoin::policy
