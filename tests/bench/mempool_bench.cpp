// The mempool speed target of the transaction-level world: 100,000 individual transactions
// submitted (a tenth of them later replaced by a higher-fee version, a tenth spending an
// unconfirmed parent), mined into templates block after block and confirmed, on one core, under
// each rule set. Sizes and fees are drawn from a fixed stream so every run does the same work.
#include "tests/bench/mempool_bench.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <vector>

#include "models/bitcoin/mempool/block_template.hpp"
#include "models/bitcoin/mempool/mempool.hpp"
#include "sim/random/rng_stream.hpp"

namespace {

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;

struct Tally {
    std::int64_t submitted = 0, accepted = 0, replaced = 0, confirmed = 0, blocks = 0;
};

Transaction bench_tx(TxId id, Outpoint spends, std::int64_t vsize, std::int64_t fee) {
    Transaction t;
    t.id = id;
    t.inputs.push_back(TxIn{spends, sequence_rbf_max, {}});
    t.outputs.resize(2, TxOut{Sat{10'000}, nullptr});
    t.weight = from_vbytes(vsize);
    t.fee = Sat{fee};
    return t;
}

Tally run_world(MempoolOptions options, std::int64_t total_txs, std::int64_t per_block) {
    Mempool pool(options);
    sim::RngStream rng(20'261'202, 0, 1);
    Tally t;
    std::vector<Transaction> recent;  // candidates to replace or to spend from
    TxId next_id = 1;
    Height height = 0;
    const auto draw = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng.uniform01() * static_cast<double>(hi - lo));
    };
    while (t.submitted < total_txs || pool.size() > 0) {
        for (std::int64_t i = 0; i < per_block && t.submitted < total_txs; ++i) {
            const double u = rng.uniform01();
            const std::int64_t vsize = draw(140, 260), rate = draw(1, 50);
            Transaction tx;
            if (u < 0.1 && !recent.empty()) {  // replace: same input, double the fee + relay
                const Transaction& old = recent[static_cast<std::size_t>(
                    draw(0, static_cast<std::int64_t>(recent.size())))];
                tx = bench_tx(next_id++, old.inputs[0].prevout, vsize, 2 * old.fee.value + vsize);
            } else if (u < 0.2 && !recent.empty()) {  // child of a recent, maybe unconfirmed, tx
                const Transaction& parent = recent[static_cast<std::size_t>(
                    draw(0, static_cast<std::int64_t>(recent.size())))];
                tx = bench_tx(next_id++, Outpoint{parent.id, 1}, vsize, rate * vsize);
            } else {  // a fresh confirmed coin
                tx = bench_tx(next_id++, Outpoint{1'000'000'000 + next_id, 0}, vsize, rate * vsize);
            }
            ++t.submitted;
            const AcceptResult r = pool.submit(tx);
            if (!r.accepted()) continue;
            ++t.accepted;
            t.replaced += static_cast<std::int64_t>(r.replaced.size());
            if (recent.size() < 512)
                recent.push_back(tx);
            else
                recent[static_cast<std::size_t>(draw(0, 512))] = tx;
        }
        TemplateRequest req;
        req.height = ++height;
        const BlockTemplate block = build_template(pool, req);
        t.confirmed += static_cast<std::int64_t>(block.txids.size());
        pool.confirm_block(std::span<const TxId>(block.txids), height, 600.0 * height);
        ++t.blocks;
    }
    return t;
}

}  // namespace

void bench_mempool() {
    for (const auto& [name, options] :
         {std::pair{"pre-cluster (Core v28)", MempoolOptions::core_v28()},
          std::pair{"cluster (Core v31)", MempoolOptions::core_v31()}}) {
        // CPU time as well as wall time: on a shared machine the wall clock also counts waiting.
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        const Tally t = run_world(options, 100'000, 6'000);
        const double cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        fmt::print(
            "Mempool, {}: 100,000 txs submitted ({} accepted, {} replaced), {} confirmed in "
            "{} blocks until empty, one core: {:.2f} s wall, {:.2f} s CPU\n",
            name, t.accepted, t.replaced, t.confirmed, t.blocks, s, cpu_s);
    }
}
