// See feerate_diagram.hpp.
#include "models/bitcoin/mempool/feerate_diagram.hpp"

#include <algorithm>

namespace models::bitcoin::mempool {

namespace {

__extension__ typedef __int128 wide;

/// Fee of diagram `d` at size `x`, as the fraction num / den (den > 0), extended flat at the end.
struct Value {
    wide num, den;
};

Value value_at(const std::vector<FeeFrac>& d, std::int64_t x) {
    FeeFrac prev{};
    for (const FeeFrac& p : d) {
        if (x <= p.vsize_vb) {
            const wide dx = p.vsize_vb - prev.vsize_vb;
            if (dx == 0) return {p.fee_sat, 1};
            return {wide(prev.fee_sat) * dx + wide(p.fee_sat - prev.fee_sat) * (x - prev.vsize_vb),
                    dx};
        }
        prev = p;
    }
    return {prev.fee_sat, 1};
}

int sign_of_difference(Value a, Value b) {
    const wide l = a.num * b.den, r = b.num * a.den;
    return l > r ? 1 : (l < r ? -1 : 0);
}

/// Ancestors of `start` among nodes not yet taken, appended in topological order.
void collect_ancestors(const std::vector<LinearNode>& nodes, std::uint32_t start,
                       const std::vector<char>& taken, std::vector<char>& seen,
                       std::vector<std::uint32_t>& out) {
    if (seen[start] || taken[start]) return;
    seen[start] = 1;
    for (std::uint32_t p : nodes[start].parents) collect_ancestors(nodes, p, taken, seen, out);
    out.push_back(start);
}

FeeFrac total_of(const std::vector<LinearNode>& nodes, const std::vector<std::uint32_t>& set) {
    FeeFrac f;
    for (std::uint32_t i : set) f += nodes[i].own;
    return f;
}

}  // namespace

std::strong_ordering compare_rate(FeeFrac a, FeeFrac b) {
    return wide(a.fee_sat) * b.vsize_vb <=> wide(b.fee_sat) * a.vsize_vb;
}

bool meets_rate(FeeFrac f, FeeRate rate) {
    return static_cast<double>(f.fee_sat) >= rate.sat_vb * static_cast<double>(f.vsize_vb) - 1e-9;
}

namespace {

/// Greedy ancestor-set linearization of one connected component (`members` index into `nodes`).
std::vector<Chunk> linearize_component(const std::vector<LinearNode>& nodes,
                                       const std::vector<std::uint32_t>& members) {
    std::vector<char> taken(nodes.size(), 1);
    for (std::uint32_t m : members) taken[m] = 0;
    std::vector<Chunk> chunks;
    for (std::size_t done = 0; done < members.size();) {
        std::vector<std::uint32_t> best;
        FeeFrac best_total;
        for (std::uint32_t i : members) {
            if (taken[i]) continue;
            std::vector<char> seen(nodes.size(), 0);
            std::vector<std::uint32_t> set;
            collect_ancestors(nodes, i, taken, seen, set);
            const FeeFrac t = total_of(nodes, set);
            const auto c = compare_rate(t, best_total);
            if (best.empty() || c > 0 || (c == 0 && t.vsize_vb < best_total.vsize_vb)) {
                best = std::move(set);
                best_total = t;
            }
        }
        for (std::uint32_t i : best) taken[i] = 1;
        done += best.size();
        chunks.push_back(Chunk{best_total, std::move(best)});
        // Chunking: merge while the newest group pays more than the one before it.
        while (chunks.size() >= 2 &&
               compare_rate(chunks.back().total, chunks[chunks.size() - 2].total) > 0) {
            Chunk last = std::move(chunks.back());
            chunks.pop_back();
            chunks.back().total += last.total;
            chunks.back().members.insert(chunks.back().members.end(), last.members.begin(),
                                         last.members.end());
        }
    }
    return chunks;
}

std::uint32_t find_root(std::vector<std::uint32_t>& up, std::uint32_t i) {
    while (up[i] != i) i = up[i] = up[up[i]];
    return i;
}

}  // namespace

std::vector<Chunk> linearize(const std::vector<LinearNode>& nodes) {
    // Components are linearized apart (a cluster is a component) and their chunks merged by
    // feerate; within a component the order is kept, so the result stays topological.
    const auto n = static_cast<std::uint32_t>(nodes.size());
    std::vector<std::uint32_t> up(n);
    for (std::uint32_t i = 0; i < n; ++i) up[i] = i;
    for (std::uint32_t i = 0; i < n; ++i)
        for (std::uint32_t p : nodes[i].parents) up[find_root(up, i)] = find_root(up, p);
    std::vector<std::vector<std::uint32_t>> groups(n);
    for (std::uint32_t i = 0; i < n; ++i) groups[find_root(up, i)].push_back(i);
    std::vector<Chunk> all;
    for (const auto& g : groups) {
        if (g.empty()) continue;
        for (Chunk& c : linearize_component(nodes, g)) all.push_back(std::move(c));
    }
    std::stable_sort(all.begin(), all.end(), [](const Chunk& a, const Chunk& b) {
        return compare_rate(a.total, b.total) > 0;
    });
    return all;
}

std::vector<FeeFrac> diagram_of(const std::vector<Chunk>& chunks) {
    std::vector<FeeFrac> d;
    FeeFrac acc;
    for (const Chunk& c : chunks) {
        acc += c.total;
        d.push_back(acc);
    }
    return d;
}

bool strictly_better(const std::vector<FeeFrac>& after, const std::vector<FeeFrac>& before) {
    bool above_somewhere = false;
    const auto check = [&](std::int64_t x) {
        const int s = sign_of_difference(value_at(after, x), value_at(before, x));
        if (s > 0) above_somewhere = true;
        return s >= 0;
    };
    for (const FeeFrac& p : before)
        if (!check(p.vsize_vb)) return false;
    for (const FeeFrac& p : after)
        if (!check(p.vsize_vb)) return false;
    return above_somewhere;
}

}  // namespace models::bitcoin::mempool
