// Every parameter of the Bitcoin L1 model, declared once (name, unit, range, help). Sources for
// defaults: Bitcoin Core consensus (600 s target, 2016-block retarget, 4,000,000 weight units)
// and the SimBlock configuration in shared/data/simblock-bitcoin-network.toml.
#pragma once

#include <cstdint>
#include <string>

#include "sim/params/field.hpp"

namespace models::bitcoin {

struct ChainParams {
    double block_interval_s = 600.0;
    bool retarget = false;
    std::int64_t retarget_blocks = 2016;
    std::int64_t max_block_weight_wu = 4'000'000;

    template <class V>
    void describe(V& v) {
        v.field("block_interval_s", block_interval_s, "s", "target mean block interval", sim::positive());
        v.field("retarget", retarget, "-", "adjust difficulty every retarget_blocks (clamped x4, as Bitcoin)");
        v.field("retarget_blocks", retarget_blocks, "blocks", "difficulty period", sim::at_least(1));
        v.field("max_block_weight_wu", max_block_weight_wu, "WU", "block weight limit (BIP141)", sim::at_least(1));
    }
};

struct RunParams {
    std::int64_t blocks = 1000;

    template <class V>
    void describe(V& v) {
        v.field("blocks", blocks, "blocks", "horizon of one run: blocks found (all branches)", sim::at_least(1));
    }
};

struct AttackerParams {
    std::string strategy = "honest";
    double hash_share = 0.0;
    double gamma = 0.0;
    bool rented = false;
    std::int64_t give_up_deficit = 1000;
    double give_up_time_s = 0.0;
    std::string success_rule = "catch_up";
    std::int64_t feather_fork_depth = 0;
    std::int64_t censor_window_blocks = 6;
    std::int64_t reorg_depth_blocks = 6;
    double double_spend_value_sat = 1e9;
    double block_reward_sat = 312'500'000.0;
    double hash_rent_sat_per_s = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("strategy", strategy, "-", "attacker strategy class",
                sim::one_of({"honest", "double_spend", "double_spend_optimal", "selfish", "optimal_selfish", "censor",
                                  "censor_private_race", "censor_best", "majority_reorg"}));
        v.field("hash_share", hash_share, "1", "attacker's share of the total hashrate while attacking",
                sim::in_range(0.0, 0.999));
        v.field("gamma", gamma, "1",
                "share of honest hash that mines on the attacker's block in a tie; network runs: the "
                "tie share optimal_selfish's policy is solved for (the network's own emerges from "
                "propagation and is reported as measured_gamma)",
                sim::in_range(0.0, 1.0));
        v.field("rented", rented, "-", "true: the attacker's hash is added to the network (total rises)");
        v.field("give_up_deficit", give_up_deficit, "blocks", "abandon when this many blocks behind",
                sim::at_least(1));
        v.field("give_up_time_s", give_up_time_s, "s", "abandon after this long (0: never)", sim::non_negative());
        v.field("success_rule", success_rule, "-", "catch_up: branch reaches the honest length; overtake: longer",
                sim::one_of({"catch_up", "overtake"}));
        v.field("feather_fork_depth", feather_fork_depth, "blocks",
                "censor: orphan a block with the censored tx until it has this many confirmations (0: off)",
                sim::in_range(0, 100));
        v.field("censor_window_blocks", censor_window_blocks, "blocks",
                "censor: success if the tx is not in the first this-many main-chain blocks", sim::at_least(1));
        v.field("reorg_depth_blocks", reorg_depth_blocks, "blocks", "majority_reorg: depth to replace",
                sim::at_least(1));
        v.field("double_spend_value_sat", double_spend_value_sat, "sat",
                "double_spend_optimal: value gained if the double spend succeeds", sim::non_negative());
        // Default: the block subsidy since the April 2024 halving (Bitcoin Core GetBlockSubsidy).
        v.field("block_reward_sat", block_reward_sat, "sat",
                "double_spend_optimal: reward of one block (subsidy + fees)", sim::non_negative());
        v.field("hash_rent_sat_per_s", hash_rent_sat_per_s, "sat/s",
                "double_spend_optimal: cost of the attacker's hash per second of attack (rent)", sim::non_negative());
    }
};

struct MerchantParams {
    std::int64_t confirmations = 6;

    template <class V>
    void describe(V& v) {
        v.field("confirmations", confirmations, "blocks", "confirmations the merchant waits for (z)",
                sim::in_range(1, 10000));
    }
};

struct NetworkParams {
    bool enabled = false;
    std::int64_t nodes = 100;
    std::string topology = "simblock";
    std::string latency_table = "2019";
    std::int64_t degree = 8;
    double block_size_bytes = 535000.0;
    double compact_block_size_bytes = 18000.0;
    bool compact_blocks = true;
    double processing_s = 0.002;
    double latency_s = 0.1;
    double bandwidth_bps = 20e6;
    bool request_reply = true;
    std::string relay_model = "simblock";
    double attacker_peer_fraction = 0.25;
    std::string edge_file;
    sim::RealList region_share;
    sim::RealMatrix region_latency_ms;
    sim::RealList region_upload_bps;
    sim::RealList region_download_bps;

    template <class V>
    void describe(V& v) {
        v.field("enabled", enabled, "-",
                "simulate propagation over a network (honest, selfish or optimal_selfish strategy)");
        v.field("nodes", nodes, "nodes", "nodes; every node mines (SimBlock's choice)", sim::at_least(2));
        v.field("topology", topology, "-", "simblock: regions and outbound-degree CDF; or a random graph",
                sim::one_of({"simblock", "random_regular", "erdos_renyi", "barabasi_albert", "edge_file"}));
        v.field("latency_table", latency_table, "-", "SimBlock latency/bandwidth tables",
                sim::one_of({"2019", "2015"}));
        v.field("degree", degree, "links", "degree for random_regular / m for barabasi_albert / mean for ER",
                sim::at_least(1));
        v.field("block_size_bytes", block_size_bytes, "bytes", "full block size", sim::positive());
        v.field("compact_block_size_bytes", compact_block_size_bytes, "bytes", "BIP152 compact block size",
                sim::positive());
        v.field("compact_blocks", compact_blocks, "-", "use compact block relay where both ends support it");
        v.field("processing_s", processing_s, "s", "per-hop validation delay", sim::non_negative());
        v.field("latency_s", latency_s, "s", "link latency for non-SimBlock topologies", sim::non_negative());
        v.field("bandwidth_bps", bandwidth_bps, "bit/s", "link bandwidth for non-SimBlock topologies",
                sim::positive());
        v.field("request_reply", request_reply, "-", "inv/getdata round trip before each block transfer");
        v.field("relay_model", relay_model, "-",
                "simblock: SimBlock's timing (sender busy until its block message arrives, +10 ms "
                "per inv/getdata/getblocktxn, a failed compact block costs a getblocktxn round "
                "trip and a second queued message, whole ms); pipelined: sender busy for the "
                "transmission only, a failed compact block adds the missing bytes to its message",
                sim::one_of({"simblock", "pipelined"}));
        v.field("attacker_peer_fraction", attacker_peer_fraction, "1",
                "selfish / optimal_selfish: share of the honest nodes the attacker's node links to "
                "(at least one); more links win more tie races (a higher emerging gamma)",
                sim::in_range(0.0, 1.0));
        v.field("edge_file", edge_file, "-", "edge list for topology = edge_file");
        v.field("region_share", region_share, "1", "simblock topology: share of nodes per region (empty: preset)",
                sim::in_range(0.0, 1.0));
        v.field("region_latency_ms", region_latency_ms, "ms",
                "simblock topology: mean latency between regions, R x R (empty: preset)", sim::in_range(5.0, 1e6));
        v.field("region_upload_bps", region_upload_bps, "bit/s", "simblock topology: upload per region (empty: preset)",
                sim::positive());
        v.field("region_download_bps", region_download_bps, "bit/s",
                "simblock topology: download per region (empty: preset)", sim::positive());
    }
};

struct BitcoinParams {
    RunParams run;
    ChainParams chain;
    AttackerParams attacker;
    MerchantParams merchant;
    NetworkParams network;

    template <class V>
    void describe(V& v) {
        v.section("run", run);
        v.section("chain", chain);
        v.section("attacker", attacker);
        v.section("merchant", merchant);
        v.section("network", network);
    }
};

}  // namespace models::bitcoin
