// The two relay models of the network (network.relay_model) on networks small enough to time by
// hand: the exact arrival times follow from the message rules, so each check is a limit case
// computed independently of the event loop. SimBlock's rules: dsg-titech/simblock 5fc7f9f,
// Node.sendNextBlockMessage / receiveMessage and AbstractMessageTask.getInterval.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/bitcoin/bitcoin_model.hpp"

using namespace models::bitcoin;

namespace {

double outcome(const BitcoinParams& p, const char* name, std::uint64_t run = 0) {
    sim::RunInput in;
    in.master_seed = 11;
    in.run = in.stream_run = run;
    const auto out = BitcoinModel::run(p, in).outcomes;
    const auto cols = BitcoinModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return out[i];
    throw std::runtime_error(name);
}

/// A triangle (random_regular with 3 nodes, degree 2) of identical links: whoever finds a block,
/// both peers ask it at once and it serves them one after the other.
BitcoinParams triangle(const char* relay_model) {
    BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = 3;
    p.network.topology = "random_regular";
    p.network.degree = 2;
    p.network.latency_s = 0.1;
    p.network.bandwidth_bps = 3e6;  // 535 kB = 1426.67 ms: SimBlock truncates to 1426 ms
    p.network.compact_blocks = false;
    p.network.relay_model = relay_model;
    p.run.blocks = 20;
    return p;
}

}  // namespace

TEST_CASE("relay models: exact arrival times on a triangle", "[unit]") {
    const double l = 0.1, proc = 0.002, control = 0.010;
    SECTION("pipelined: the sender is busy for the transmission only") {
        const double t = 535000.0 * 8 / 3e6;
        // inv, getdata, then the first block after t + l + proc and the second one t later.
        CHECK(outcome(triangle("pipelined"), "propagation_p50_s") ==
              Approx(3 * l + t + proc).margin(2e-6));
        CHECK(outcome(triangle("pipelined"), "propagation_p100_s") ==
              Approx(3 * l + 2 * t + proc).margin(2e-6));
    }
    SECTION("simblock: +10 ms per inv and getdata, the sender busy until its block arrives") {
        const double t = 1.426;
        const double first = 2 * (l + control) + t + proc + l;
        CHECK(outcome(triangle("simblock"), "propagation_p50_s") == Approx(first).margin(2e-6));
        CHECK(outcome(triangle("simblock"), "propagation_p100_s") ==
              Approx(first + t + proc + l).margin(2e-6));
        CHECK(outcome(triangle("simblock"), "propagation_p100_median_s") ==
              Approx(first + t + proc + l).margin(2e-6));
    }
}

TEST_CASE("relay models: a failed compact block costs a getblocktxn and a second message",
          "[unit]") {
    // Two nodes of one SimBlock region whose mean latency is 5 ms: SimBlock's Pareto scale is
    // mean - 5 = 0, so every latency is exactly 0. Blocks of 1000 bytes at 10 Mbit/s take 0 whole
    // ms. Both nodes relay compact blocks and are "churn" nodes (round(2 x 0.964) = round(2 x
    // 0.976) = 2), which fail to rebuild with probability 0.27. So under SimBlock's rules a block
    // reaches the other node after inv + getdata + processing = 22 ms, or, when the compact block
    // fails, 12 ms later (getblocktxn 10 ms + a second message's 2 ms processing).
    BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = 2;
    p.network.topology = "simblock";
    p.network.region_share = {1.0};
    p.network.region_latency_ms = {{5.0}};
    p.network.region_upload_bps = {1e7};
    p.network.region_download_bps = {1e7};
    p.network.block_size_bytes = 1000;
    p.network.compact_block_size_bytes = 1000;
    p.run.blocks = 4000;
    p.network.relay_model = "simblock";
    const double mean = outcome(p, "propagation_p100_s");
    const double median = outcome(p, "propagation_p100_median_s");
    CHECK((std::abs(median - 0.022) < 1e-9 || std::abs(median - 0.034) < 1e-9));
    // The share of failed blocks read back from the mean delay, against the Bernoulli rate the
    // model draws from: z = 3.29 binomial standard errors of the 4000 blocks.
    const double failed = (mean - 0.022) / 0.012;
    const double half = 3.29 * std::sqrt(0.27 * 0.73 / 4000.0);
    INFO("failed share " << failed << " +- " << half);
    CHECK(std::abs(failed - 0.27) <= half);
    CHECK(std::abs(failed - 0.13) > half);  // the control nodes' rate would be rejected

    // Pipelined: no control delay and the missing bytes ride in the same single message, so a
    // block takes 2 ms of processing plus at most 0.8 ms of transmission.
    p.network.relay_model = "pipelined";
    const double pipelined = outcome(p, "propagation_p100_s");
    CHECK(pipelined >= 0.002);
    CHECK(pipelined <= 0.002 + 1000.0 * 8 / 1e7 + 1e-6);
}

TEST_CASE("relay models: the simblock timing propagates slower than pipelined on the preset",
          "[unit]") {
    BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = 300;
    p.run.blocks = 10;
    p.network.relay_model = "pipelined";
    const double pipelined = outcome(p, "propagation_p90_s");
    p.network.relay_model = "simblock";
    const double simblock = outcome(p, "propagation_p90_s");
    INFO("p90 pipelined " << pipelined << " s, simblock " << simblock << " s");
    CHECK(simblock > 1.3 * pipelined);
}
