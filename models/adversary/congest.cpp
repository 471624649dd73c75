// See congest.hpp.
#include "models/adversary/congest.hpp"

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

#include <algorithm>

namespace models::adversary {

Congest::Congest(const CongestParams& params, const layer2::DisputeSetup& dispute, std::uint32_t window_blocks)
    : params_(params),
      window_blocks_(window_blocks),
      dispute_(dispute),
      own_(dispute.adversary_payout),
      own_path_(bitcoin::policy::satisfy(*own_, bitcoin::policy::Assets::whenever({dispute.adversary_key}))) {}

bool Congest::open(const bitcoin::World& world) const {
    // Only while the honest claim alone can spend: once the adversary's own path opens, filler
    // would only delay its own spend.
    return params_.fee_rate_sat_vb > 0.0 && world.coins().find(dispute_.contested) != nullptr &&
           world.tip_height() + 1 < window_blocks_;
}

void Congest::on_start(bitcoin::World& world) {
    if (open(world)) top_up(world);
}

void Congest::on_block(bitcoin::Height, bitcoin::World& world) {
    if (open(world)) top_up(world);  // once decided, stop spending
}

bool Congest::send_filler(std::int64_t vbytes, double rate_sat_vb, std::vector<bitcoin::TxId>& sent,
                          bitcoin::World& world) {
    // A fresh coin of the adversary's, funded before the run; one filler spends it. Its content
    // does not matter, only its weight and fee: one output, padded to the filler size.
    const bitcoin::Outpoint coin{world.next_txid(), 0};
    const bitcoin::TxOut funding{bitcoin::from_btc(1.0), own_};
    world.add_coin(coin, funding, 0);
    bitcoin::Transaction tx =
        bitcoin::TxBuilder(world.next_txid()).spend(coin, funding, *own_path_).pay(funding.value, own_).build();
    tx.weight = std::max(tx.weight, bitcoin::from_vbytes(vbytes));
    tx.fee = bitcoin::FeeRate{rate_sat_vb}.fee_for(tx.weight);
    tx.outputs.front().value = funding.value - tx.fee;
    if (!world.broadcast(tx).accepted()) return false;  // below the mempool's floor: more would not help
    sent.push_back(tx.id);
    sent_.push_back(std::move(tx));
    return true;
}

void Congest::keep_pending(std::int64_t target_vb, std::int64_t piece_vb, double rate_sat_vb,
                           std::vector<bitcoin::TxId>& sent, bitcoin::World& world) {
    std::erase_if(sent, [&](bitcoin::TxId id) { return !world.mempool().contains(id); });
    std::int64_t pending = 0;
    for (bitcoin::TxId id : sent) pending += world.mempool().find(id)->tx.weight.vbytes();
    // Core's default template room: DEFAULT_BLOCK_MAX_WEIGHT = 3,996,000 WU (policy/policy.h).
    const std::int64_t block_vb = bitcoin::Weight{3'996'000}.vbytes();
    while (pending < target_vb) {
        const std::int64_t size = std::min(piece_vb, block_vb - pending % block_vb);
        if (!send_filler(size, rate_sat_vb, sent, world)) break;
        pending += size;
    }
}

void Congest::top_up(bitcoin::World& world) {
    // Large pieces bid 1% more, so a template takes all of them before the small ones, which then
    // fill the gap a misfit leaves (less than one large piece; twice that covers pieces left over
    // from the last block that no longer line up with the block's end).
    keep_pending(params_.vbytes_per_block, params_.filler_vbytes, 1.01 * params_.fee_rate_sat_vb, large_, world);
    keep_pending(2 * params_.filler_vbytes, params_.small_filler_vbytes, params_.fee_rate_sat_vb, small_, world);
}

bitcoin::Sat Congest::fees_confirmed(const bitcoin::World& world) const {
    bitcoin::Sat total;
    for (const auto& tx : sent_)
        if (world.confirmed_at(tx.id)) total += tx.fee;
    return total;
}

std::int64_t Congest::vbytes_confirmed(const bitcoin::World& world) const {
    std::int64_t total = 0;
    for (const auto& tx : sent_)
        if (world.confirmed_at(tx.id)) total += tx.weight.vbytes();
    return total;
}

}  // namespace models::adversary
