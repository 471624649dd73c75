// Who builds Bitcoin's block templates: the entities a miner bribe must win over (timelocked
// bribes, Nadahalli, Khabbazian and Wattenhofer 2021: every template builder must prefer the bribe,
// so the smallest one, lambda_min, sets the price). Shared by every design whose dispute a bribe
// can delay (BitVM2; the `lightning` model has its own pools in world.pools). Template-controlling entities are counted, not coinbase tags:
// pools that mine another pool's templates (proxy pools) are one entity.
#pragma once

#include "sim/params/field.hpp"

namespace models::layer2 {

struct MinerParams {
    // Early 2026, about 900 EH/s, shares of blocks mined. Pools: spark.money "Bitcoin Mining Pool
    // Comparison" (as of early 2026; secondary, from blocks mined): Foundry USA ~37%, AntPool ~14%,
    // F2Pool ~10%, SpiderPool ~7%, MARA ~6%, SecPool ~5%, Luxor ~4%, ViaBTC ~3%, SBI ~2.5%, OCEAN
    // ~2%, Binance ~1.75%, Braiins ~1.25%. Template groups: b10c, "Block Template Similarities
    // between Mining Pools" (2024-09-16) found AntPool's exact templates at BTC.com, Binance Pool,
    // Poolin, EMCD, Rawpool and possibly Braiins; shared/reference/systems-leads.md puts the pools
    // mining AntPool's templates at ~40% in early 2026 (not confirmed by a primary source; model
    // input). Entities: Foundry 0.37, the AntPool template group 0.40, F2Pool 0.10 (own templates,
    // b10c), MARA 0.06, Luxor 0.04, OCEAN 0.02, and the long tail (small pools and solo miners
    // building their own templates, ~1%) as ten independent miners of 0.1% each: lambda_min =
    // 0.001.
    sim::RealList template_shares = {0.37,  0.40,  0.10,  0.06,  0.04,  0.02,  0.001, 0.001,
                                     0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001};

    template <class V>
    void describe(V& v) {
        v.field(
            "template_shares", template_shares, "1",
            "hash share of each block-template builder (early 2026: Foundry 0.37, AntPool's "
            "template group "
            "0.40, F2Pool 0.10, MARA 0.06, Luxor 0.04, OCEAN 0.02, and a long tail of ten 0.001 "
            "miners; "
            "sources in miner_params.hpp); a timelocked bribe must beat fee / the smallest share",
            sim::in_range(0.0, 1.0));
    }
};

}  // namespace models::layer2
