// The speed target of the `lightning` model: a Flood & Loot run in which one victim times out
// 207 channels x 483 HTLCs (LND's limit) = 99,981 HTLCs at once, every one its own HTLC-timeout
// transaction in the mempool, against background demand, on one core (one run, one thread).
#include "tests/bench/lightning_bench.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <string>

#include "models/layer2/lightning/lightning_world_model.hpp"

void bench_lightning() {
    using models::layer2::lightning::LightningWorldModel;
    fmt::print(
        "\nLightning: Flood & Loot, 207 channels x 483 HTLCs = 99,981 HTLC-timeout transactions, "
        "one core\n");
    LightningWorldModel::Params p;
    p.world.horizon_blocks = 200;
    p.channel.contested = "htlc";
    p.channel.implementation = "lnd";
    p.channel.format = "legacy";
    p.channel.capacity_btc = 1.0;
    p.channel.channels = 207;
    p.channel.htlcs_per_channel = 483;
    p.channel.htlc_value_btc = 0.0001;
    p.channel.cltv_expiry_delta_blocks = 40;
    p.channel.commitment_fee_rate_sat_vb = 20.0;
    const auto cols = LightningWorldModel::outcome_columns(p);
    const auto at = [&](const std::vector<double>& row, const std::string& name) {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].name == name) return row[i];
        return -1.0;
    };
    sim::RunInput in;
    in.master_seed = 1;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const auto out = LightningWorldModel::run(p, in);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print(
        "  {:>7.2f} s wall {:>7.2f} s cpu  HTLCs claimed {} lost {} | blocks {} events {} "
        "txs_broadcast {} "
        "txs_confirmed {} (target <= 5 s)\n",
        s, cpu, at(out.outcomes, "htlcs_claimed"), at(out.outcomes, "htlcs_lost"),
        at(out.outcomes, "blocks"), at(out.outcomes, "events_processed"),
        at(out.outcomes, "txs_broadcast"), at(out.outcomes, "txs_confirmed"));
}
