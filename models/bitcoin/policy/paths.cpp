// Path enumeration: leaves give one path each (or none when pruned by the moment), a k-of-n
// threshold gives the merge of every choice of k subs and one path of each, with the witness cost
// of the untaken subs as in satisfy.cpp. Dominated paths are dropped at every node: merging is
// monotone, so a path dominated inside a sub stays dominated in every combination that uses it.
#include "models/bitcoin/policy/paths.hpp"

#include <algorithm>
#include <optional>
#include <variant>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/policy/witness_cost.hpp"

namespace models::bitcoin::policy {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

struct Part {
    Path path;
    std::int64_t stack_bytes = 0;
};

bool is_time_lock(std::uint32_t after) {
    return after >= lock_time_threshold;
}

/// Merges two parts; none when they mix a height and a time after() (nLockTime has one kind).
std::optional<Part> merged(const Part& a, const Part& b) {
    if (a.path.after != 0 && b.path.after != 0 &&
        is_time_lock(a.path.after) != is_time_lock(b.path.after))
        return std::nullopt;
    Part out;
    std::set_union(a.path.keys.begin(), a.path.keys.end(), b.path.keys.begin(), b.path.keys.end(),
                   std::back_inserter(out.path.keys));
    std::set_union(a.path.preimages.begin(), a.path.preimages.end(), b.path.preimages.begin(),
                   b.path.preimages.end(), std::back_inserter(out.path.preimages));
    out.path.after = std::max(a.path.after, b.path.after);
    out.path.older_blocks = std::max(a.path.older_blocks, b.path.older_blocks);
    out.stack_bytes = a.stack_bytes + b.stack_bytes;
    return out;
}

/// Drops duplicates (keeping the cheaper) and dominated parts, preserving first-seen order.
std::vector<Part> minimal(std::vector<Part> parts) {
    std::vector<Part> out;
    for (Part& p : parts) {
        bool dominated = false;
        for (Part& q : out) {
            if (q.path.same_requirements(p.path)) {
                q.stack_bytes = std::min(q.stack_bytes, p.stack_bytes);
                dominated = true;
                break;
            }
            if (needs_no_more_than(q.path, p.path)) {
                dominated = true;
                break;
            }
        }
        if (dominated) continue;
        std::erase_if(out, [&](const Part& q) { return needs_no_more_than(p.path, q.path); });
        out.push_back(std::move(p));
    }
    return out;
}

class Enumerator {
public:
    Enumerator(const std::optional<Moment>& at, const WitnessModel& m, std::size_t max_paths)
        : at_(at), m_(m), max_(max_paths) {}

    bool truncated() const { return truncated_; }

    std::vector<Part> paths(const Policy& p) {
        return std::visit(Overloaded{
                              [&](const Key& k) {
                                  return one([&](Part& x) {
                                      x.path.keys = {k.key};
                                      x.stack_bytes = m_.signature_bytes;
                                  });
                              },
                              [&](const Hash& h) {
                                  return one([&](Part& x) {
                                      x.path.preimages = {h.preimage};
                                      x.stack_bytes = m_.preimage_bytes;
                                  });
                              },
                              [&](const After& t) {
                                  if (at_ && !after_met(t.lock, at_->height, at_->mtp_s))
                                      return std::vector<Part>{};
                                  return one([&](Part& x) { x.path.after = t.lock; });
                              },
                              [&](const Older& t) {
                                  if (at_ && at_->age_blocks < t.blocks) return std::vector<Part>{};
                                  return one([&](Part& x) { x.path.older_blocks = t.blocks; });
                              },
                              [&](const Thresh& t) { return threshold(t); },
                          },
                          p.node);
    }

private:
    template <class F>
    static std::vector<Part> one(F&& fill) {
        Part x;
        fill(x);
        return {x};
    }

    std::vector<Part> threshold(const Thresh& t) {
        const std::size_t n = t.subs.size();
        if (t.k > n) return {};  // only a hand-built tree can be this; the parser refuses it
        std::vector<std::vector<Part>> subs(n);
        std::vector<std::int64_t> dissat(n);
        for (std::size_t i = 0; i < n; ++i) {
            subs[i] = paths(t.subs[i]);
            dissat[i] = dissatisfaction_bytes(t.subs[i], m_);
        }
        std::vector<Part> out;
        if (t.k == 1 && n >= 2) {
            for (std::size_t i = 0; i < n; ++i)
                for (Part p : subs[i]) {
                    p.stack_bytes += or_selector_bytes(i, n, m_);
                    add(out, std::move(p));
                }
            return minimal(std::move(out));
        }
        std::vector<bool> chosen(n, false);
        std::fill(chosen.begin(), chosen.begin() + t.k, true);
        do {  // every k-subset, in lexicographic order of the chosen positions
            combine(t, subs, dissat, chosen, out);
        } while (std::prev_permutation(chosen.begin(), chosen.end()) && !truncated_);
        return minimal(std::move(out));
    }

    /// Adds every merge of one path from each chosen sub; untaken subs are dissatisfied (and_v
    /// takes every sub, so it pays no dissatisfaction).
    void combine(const Thresh& t, const std::vector<std::vector<Part>>& subs,
                 const std::vector<std::int64_t>& dissat, const std::vector<bool>& chosen,
                 std::vector<Part>& out) {
        std::vector<Part> acc{Part{}};
        for (std::size_t i = 0; i < subs.size(); ++i) {
            if (!chosen[i]) {
                for (Part& a : acc) a.stack_bytes += dissat[i];
                continue;
            }
            std::vector<Part> next;
            for (const Part& a : acc)
                for (const Part& b : subs[i])
                    if (auto m = merged(a, b)) add(next, std::move(*m));
            acc = minimal(std::move(next));
            if (acc.empty()) return;
        }
        (void)t;
        for (Part& a : acc) add(out, std::move(a));
    }

    void add(std::vector<Part>& out, Part p) {
        if (out.size() >= max_) {
            truncated_ = true;
            return;
        }
        out.push_back(std::move(p));
    }

    std::optional<Moment> at_;
    const WitnessModel& m_;
    std::size_t max_;
    bool truncated_ = false;
};

PathList finish(const Policy& policy, Enumerator& e, std::vector<Part> parts,
                const WitnessModel& m) {
    PathList list;
    list.truncated = e.truncated();
    for (Part& p : parts) {
        p.path.witness = input_witness_weight(policy, p.stack_bytes, m);
        list.paths.push_back(std::move(p.path));
    }
    return list;
}

}  // namespace

bool needs_no_more_than(const Path& a, const Path& b) {
    if (!std::includes(b.keys.begin(), b.keys.end(), a.keys.begin(), a.keys.end())) return false;
    if (!std::includes(b.preimages.begin(), b.preimages.end(), a.preimages.begin(),
                       a.preimages.end()))
        return false;
    if (a.older_blocks > b.older_blocks) return false;
    if (a.after == 0) return true;
    return b.after != 0 && is_time_lock(a.after) == is_time_lock(b.after) && a.after <= b.after;
}

PathList spending_paths(const Policy& policy, const WitnessModel& model, std::size_t max_paths) {
    Enumerator e(std::nullopt, model, max_paths);
    auto parts = e.paths(policy);
    return finish(policy, e, std::move(parts), model);
}

PathList spending_paths_at(const Policy& policy, const Moment& at, const WitnessModel& model,
                           std::size_t max_paths) {
    Enumerator e(at, model, max_paths);
    auto parts = e.paths(policy);
    return finish(policy, e, std::move(parts), model);
}

}  // namespace models::bitcoin::policy
