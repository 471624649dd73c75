// See primitives.hpp.
#include "models/layer2/primitives.hpp"

#include <cmath>

#include "models/attacks/censorship.hpp"
#include "models/attacks/private_race_censorship.hpp"
#include "models/attacks/strongest_censor.hpp"
#include "models/layer2/bitcoin_race.hpp"
#include "models/layer2/federation.hpp"
#include "models/layer2/block_space.hpp"
#include "sim/random/distributions.hpp"

namespace models::layer2 {

namespace {
constexpr double block_s = 600.0;
constexpr double block_vbytes = 1'000'000.0;
enum class Purpose : std::uint64_t { miners = 22, blocks = 23 };
}  // namespace

Record censor_tx(double alpha, int depth, int window, double tx_fee_btc, const sim::RunInput& in) {
    Record r;
    r.window_blocks = window;
    const AttackerHash hash{alpha, true, 1.0};
    bitcoin::BitcoinParams bp = race_params(hash, block_s, true);
    bp.attacker.strategy = "censor";
    bp.attacker.feather_fork_depth = std::min(depth, window);
    bp.attacker.censor_window_blocks = window;
    bp.run.blocks = 1'000'000;
    // The censor plays the stronger of feather-forking and the private race over the window
    // (models/attacks/strongest_censor.hpp); a private racer gives up at a deficit that costs it
    // at most 1e-6 of success.
    const auto choice = attacks::strongest_censor(alpha, static_cast<int>(bp.attacker.feather_fork_depth), window);
    bp.attacker.give_up_deficit = attacks::private_race_give_up_deficit(alpha);
    const RaceOutcome o = read_race(choice.strategy == attacks::CensorStrategy::private_race
                                        ? bitcoin::run_race<attacks::PrivateRaceCensorship>(bp, in).outcomes
                                        : bitcoin::run_race<attacks::Censorship>(bp, in).outcomes);
    r.success = o.success;
    r.duration_s = o.sim_time_s;
    r.claim_wait_blocks = o.tx_confirm_block;
    count_engine(r, o);
    if (!std::isnan(o.tx_confirm_block)) r.victim_fees_sat = tx_fee_btc * 1e8;
    charge_hash(r, hash, r.duration_s);
    r.attacker_bitcoin_blocks = o.attacker_main_blocks;
    if (r.success > 0) r.time_to_success_s = r.duration_s;
    return r;
}

Record timelocked_bribe(const std::vector<double>& shares, double bribe_btc, double fee_btc, int window,
                        const sim::RunInput& in) {
    Record r;
    double total = 0.0;
    for (double s : shares) total += s;
    const sim::random::DiscreteDistribution next_miner(shares);
    sim::RngStream rng(in.master_seed, in.stream_run, static_cast<std::uint64_t>(Purpose::miners));
    r.window_blocks = window;
    r.success = 1;
    for (int b = 0; b < window; ++b) {
        const double share = shares[next_miner(rng)] / total;
        if (share * bribe_btc <= fee_btc) {  // this miner takes the fee now
            r.success = 0;
            r.claim_wait_blocks = b;
            r.victim_fees_sat = fee_btc * 1e8;
            break;
        }
    }
    r.duration_s = (r.success > 0 ? window : r.claim_wait_blocks + 1) * block_s;
    if (r.success > 0) {
        r.miner_bribes_btc = bribe_btc;
        r.time_to_success_s = r.duration_s;
    }
    return r;
}

Record congest(const BlockMarketParams& m, double vbytes, double fee_rate, double max_fee_rate, int window,
               double attacker_rate, const sim::RunInput& in) {
    std::vector<PendingTx> txs{{vbytes, fee_rate, std::max(fee_rate, max_fee_rate), 0}};
    BlockSpace space(block_vbytes, m.competing_share, m.competing_share_sd, m.competing_fee_rate_sat_vb,
                     sim::RngStream(in.master_seed, in.stream_run, static_cast<std::uint64_t>(Purpose::blocks)));
    Record r;
    for (int b = 0; b < window && !txs[0].done(); ++b) {
        const BlockFill f = space.mine(b, txs, attacker_rate);
        r.fees_paid_sat += f.attacker_fees_sat;
        r.victim_fees_sat += f.victim_fees_sat;
    }
    r.success = !txs[0].done();
    r.claim_wait_blocks = r.success > 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(txs[0].last_confirmed_in);
    r.window_blocks = window;
    r.duration_s = static_cast<double>(r.success > 0 ? window : txs[0].last_confirmed_in + 1) * block_s;
    if (r.success > 0) r.time_to_success_s = r.duration_s;
    return r;
}

Record corrupt_keys(const PegParams& keys, int n, int k, double offer_btc, const sim::RunInput& in,
                    std::uint64_t stream_id) {
    PegParams custom = keys;
    custom.preset = "custom";
    custom.signers = n;
    custom.threshold = k;
    custom.emergency_keys = 0;
    custom.emergency_threshold = 0;
    sim::RngStream rng(in.master_seed, in.stream_run, stream_id);
    const Federation keyset(custom, rng);
    const BriberyResult b = keyset.steal(offer_btc);
    Record r;
    r.success = b.success;
    r.keys_corrupted = b.keys_corrupted;
    r.key_bribes_btc = b.bribes_btc;
    return r;
}

}  // namespace models::layer2
