// Templates read standalone entries from the mempool's mining-order index (Mempool::singletons)
// and sort only the linked ones. This test holds them to the plain algorithm, which scores and
// sorts every entry of the mempool each time (node/miner.cpp addPackageTxs; v31 BlockBuilder),
// on random mempools with CPFP chains, absolute and BIP68 timelocks, exclusions, small blocks (so
// the weight limit, the stop rule and the block minimum feerate all act) and blocks confirmed in
// between (so entries move between the index and the linked set). Why not circular: the
// reference below never reads the index; it is the template code as it was before the index.
#include <catch2/catch.hpp>

#include <algorithm>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "models/bitcoin/mempool/block_template.hpp"
#include "models/bitcoin/mempool/mempool.hpp"
#include "models/bitcoin/mempool/rules/finality.hpp"
#include "sim/random/rng_stream.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

namespace {

// ---- the reference: every entry scored and sorted -------------------------------------------

std::unordered_set<TxId> reference_blocked(const Mempool& pool, const TemplateRequest& r) {
    std::vector<TxId> stack;
    for (const auto& [id, e] : pool.entries())
        if ((r.excluded && r.excluded->count(id)) || !final_at(e.tx, pool, r.height, r.median_time_past_s))
            stack.push_back(id);
    std::unordered_set<TxId> blocked(stack.begin(), stack.end());
    while (!stack.empty()) {
        const TxId id = stack.back();
        stack.pop_back();
        for (TxId c : pool.find(id)->children)
            if (blocked.insert(c).second) stack.push_back(c);
    }
    return blocked;
}

struct Fill {
    const Mempool& pool;
    const TemplateRequest& r;
    BlockTemplate block;
    std::unordered_set<TxId> included;
    int failures = 0;
    bool fits(Weight w) {
        if (block.weight.wu + w.wu <= r.max_weight.wu) return true;
        ++failures;
        return false;
    }
    bool stop() const { return failures > 1000 && block.weight.wu > r.max_weight.wu - 4000; }
    void take(TxId id) {
        const Transaction& tx = pool.find(id)->tx;
        block.txids.push_back(id);
        block.weight += tx.weight;
        block.fees += tx.fee;
        included.insert(id);
        failures = 0;
    }
};

std::vector<TxId> package(const Mempool& pool, TxId id, const std::unordered_set<TxId>& included) {
    std::vector<TxId> out;
    std::unordered_set<TxId> seen{id};
    std::vector<TxId> stack{id};
    while (!stack.empty()) {
        const TxId t = stack.back();
        stack.pop_back();
        out.push_back(t);
        for (TxId p : pool.find(t)->parents)
            if (!included.count(p) && seen.insert(p).second) stack.push_back(p);
    }
    std::vector<std::pair<std::size_t, TxId>> depth;
    for (TxId t : out) depth.push_back({pool.ancestors(t).size(), t});
    std::sort(depth.begin(), depth.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = depth[i].second;
    return out;
}

struct Score {
    FeeFrac package;
    TxId id;
    std::uint32_t version;
    bool operator<(const Score& o) const {
        const auto c = compare_rate(package, o.package);
        return c != 0 ? c < 0 : id > o.id;
    }
};

void reference_ancestor_score(Fill& f, const std::unordered_set<TxId>& blocked) {
    const Mempool& pool = f.pool;
    std::priority_queue<Score> heap;
    std::unordered_map<TxId, std::uint32_t> version;
    for (const auto& [id, e] : pool.entries())
        if (!blocked.count(id)) heap.push({pool.with_ancestors(id), id, 0});
    while (!heap.empty() && !f.stop()) {
        const Score s = heap.top();
        heap.pop();
        if (f.included.count(s.id) || version[s.id] != s.version) continue;
        if (!meets_rate(s.package, f.r.min_fee_rate)) break;
        const auto pkg = package(pool, s.id, f.included);
        Weight w;
        for (TxId t : pkg) w += pool.find(t)->tx.weight;
        if (!f.fits(w)) continue;
        for (TxId t : pkg) f.take(t);
        for (TxId t : pkg)
            for (TxId d : pool.descendants(t)) {
                if (f.included.count(d) || blocked.count(d)) continue;
                FeeFrac total;
                for (TxId q : package(pool, d, f.included)) total += pool.find(q)->own();
                heap.push({total, d, ++version[d]});
            }
    }
}

void reference_chunks(Fill& f, const std::unordered_set<TxId>& blocked) {
    const Mempool& pool = f.pool;
    struct Ranked {
        Chunk chunk;
        std::size_t cluster, position;
    };
    std::vector<std::vector<TxId>> clusters;
    std::vector<TxId> key;
    std::vector<Ranked> ranked;
    std::unordered_set<TxId> seen;
    for (const auto& [id, e] : pool.entries()) {
        if (blocked.count(id) || !seen.insert(id).second) continue;
        std::vector<TxId> members{id};
        for (std::size_t i = 0; i < members.size(); ++i) {
            const MempoolEntry& m = *pool.find(members[i]);
            for (const auto* side : {&m.parents, &m.children})
                for (TxId n : *side)
                    if (!blocked.count(n) && seen.insert(n).second) members.push_back(n);
        }
        std::size_t position = 0;
        for (Chunk& c : pool.chunks_of(members)) ranked.push_back({std::move(c), clusters.size(), position++});
        key.push_back(*std::min_element(members.begin(), members.end()));
        clusters.push_back(std::move(members));
    }
    std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
        const auto c = compare_rate(a.chunk.total, b.chunk.total);
        if (c != 0) return c > 0;
        if (a.cluster != b.cluster) return key[a.cluster] < key[b.cluster];
        return a.position < b.position;
    });
    std::vector<char> skipped(clusters.size(), 0);
    for (const Ranked& r : ranked) {
        if (f.stop()) break;
        if (skipped[r.cluster]) continue;
        if (!meets_rate(r.chunk.total, f.r.min_fee_rate)) break;
        Weight w;
        for (std::uint32_t m : r.chunk.members) w += pool.find(clusters[r.cluster][m])->tx.weight;
        if (!f.fits(w)) {
            skipped[r.cluster] = 1;
            continue;
        }
        for (std::uint32_t m : r.chunk.members) f.take(clusters[r.cluster][m]);
    }
}

BlockTemplate reference_template(const Mempool& pool, const TemplateRequest& r) {
    const auto blocked = reference_blocked(pool, r);
    Fill f{pool, r, {}, {}, 0};
    if (pool.options().rules == RuleSet::pre_cluster)
        reference_ancestor_score(f, blocked);
    else
        reference_chunks(f, blocked);
    return f.block;
}

// ---- random mempools ---------------------------------------------------------------------------

struct Draw {
    sim::RngStream rng;
    std::uint64_t below(std::uint64_t n) { return rng.next_u64() % n; }
    bool chance(double p) { return rng.uniform01() < p; }
};

/// A transaction: standalone (a confirmed coin) or spending one or two earlier ones, some of
/// them timelocked (nLockTime a height ahead, or a BIP68 wait), at a random feerate and size.
Transaction random_tx(Draw& d, TxId id, const std::vector<TxId>& earlier) {
    Transaction t = make_tx(id, {coin(id)}, 0, 100);
    if (!earlier.empty() && d.chance(0.35)) {
        t.inputs[0].prevout = out(earlier[d.below(earlier.size())], static_cast<std::uint32_t>(d.below(2)));
        if (d.chance(0.3)) t.inputs.push_back(TxIn{coin(id + 500'000), sequence_rbf_max, {}});
    }
    if (d.chance(0.1)) t.lock_time = static_cast<std::uint32_t>(95 + d.below(10));
    if (d.chance(0.1)) t.inputs.back().sequence = static_cast<std::uint32_t>(1 + d.below(3));  // BIP68 blocks
    const std::int64_t vsize = 100 + static_cast<std::int64_t>(d.below(3000));
    t.weight = from_vbytes(vsize);
    t.fee = Sat{static_cast<std::int64_t>(vsize * (1 + d.below(60)) / (d.chance(0.2) ? 10 : 1))};
    return t;
}

void check_equal_templates(Mempool& m, Draw& d, Height height) {
    std::unordered_set<TxId> excluded;
    for (const auto& [id, e] : m.entries())
        if (d.chance(0.05)) excluded.insert(id);
    for (int k = 0; k < 4; ++k) {
        TemplateRequest r;
        // Below the mempool's next height too (as after a reorg): timelocked entries are then
        // not final and are left out, with their descendants.
        r.height = height - static_cast<Height>(d.below(6));
        r.median_time_past_s = 0.0;
        r.max_weight = Weight{static_cast<std::int64_t>(20'000 + d.below(400'000))};
        r.min_fee_rate = FeeRate{k == 3 ? 20.0 : 1.0};
        r.excluded = k % 2 ? &excluded : nullptr;
        const BlockTemplate got = build_template(m, r), want = reference_template(m, r);
        REQUIRE(got.txids == want.txids);
        REQUIRE(got.weight.wu == want.weight.wu);
        REQUIRE(got.fees.value == want.fees.value);
    }
}

}  // namespace

TEST_CASE("template: the standalone index gives the templates a sort of the whole mempool gives",
          "[unit]") {
    std::size_t compared = 0, linked_seen = 0, locked_seen = 0;
    for (const auto& options : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        for (std::uint64_t seed = 1; seed <= 12; ++seed) {
            Draw d{sim::StreamFactory(seed, 0).make({7, 1})};
            Mempool m(options);
            std::vector<TxId> accepted;
            TxId next = 1;
            Height height = 100;
            m.confirm_block(std::vector<TxId>{}, height, 600.0 * height);
            for (int block = 0; block < 6; ++block) {
                for (int i = 0; i < 150; ++i) {
                    const Transaction t = random_tx(d, next++, accepted);
                    if (m.submit(t).accepted()) accepted.push_back(t.id);
                }
                linked_seen += m.linked().size();
                for (const auto& [id, e] : m.entries()) locked_seen += never_locked(e.tx) ? 0 : 1;
                REQUIRE(m.singletons().size() + m.linked().size() == m.size());
                check_equal_templates(m, d, height + 1);
                compared += 4;
                // Mine a template, as a pool would: its parents leave, children stand alone.
                TemplateRequest r;
                r.height = ++height;
                r.max_weight = Weight{200'000};
                m.confirm_block(build_template(m, r).txids, height, 600.0 * height);
            }
        }
    }
    CHECK(compared == 2 * 12 * 6 * 4);
    CHECK(linked_seen > 1000);  // the random mempools do hold CPFP chains, not only standalone entries
    CHECK(locked_seen > 100);   // and timelocked entries
}
