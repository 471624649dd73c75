// See world.hpp.
#include "models/bitcoin/world/world.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/bitcoin/tx/policy_check.hpp"
#include "sim/random/distributions.hpp"

namespace models::bitcoin {

namespace {

mempool::MempoolOptions options_named(const std::string& rules) {
    if (rules == "core_v28") return mempool::MempoolOptions::core_v28();
    if (rules == "core_v29_1") return mempool::MempoolOptions::core_v29_1();
    if (rules == "core_v31") return mempool::MempoolOptions::core_v31();
    throw std::invalid_argument("unknown mempool rules " + rules);
}

/// -blockmintxfee of the rule set's release: 1 sat/vB in v28, 1 sat/kvB from v29.1 (PR #33106),
/// so a transaction the v29.1 relay floor admits can also be mined.
FeeRate block_min_fee_named(const std::string& rules) {
    return rules == "core_v28" ? FeeRate{1.0} : FeeRate{0.001};
}

sim::RngStream stream(const sim::StreamFactory& f, WorldStream s) {
    return f.make(sim::StreamKey{0, static_cast<std::uint32_t>(s)});
}

bool is_background(const Transaction& tx) {
    return !tx.inputs.empty() && (tx.inputs.front().prevout.tx & background_coin_bit) != 0;
}

}  // namespace

World::World(const WorldParams& params, const sim::StreamFactory& streams)
    : params_(params),
      sim_(streams),
      mining_rng_(stream(streams, WorldStream::mining)),
      finder_rng_(stream(streams, WorldStream::finder)),
      pools_(params.pools.shares),
      controlled_(pools_.size(), false),
      bribe_rule_(bribe_rule_from(params.pools.bribe_rule)),
      mempool_(options_named(params.mempool.rules)),
      demand_(params.demand, stream(streams, WorldStream::demand)) {}

std::optional<Height> World::confirmed_at(TxId id) const {
    auto it = confirmed_.find(id);
    if (it == confirmed_.end()) return std::nullopt;
    return it->second;
}

void World::add_coin(const Outpoint& where, const TxOut& output, Height confirmed_height) {
    coins_.add(where, Coin{output, CoinTime{confirmed_height, 0}});
    mempool_.note_confirmed(where.tx, confirmed_height);
}

void World::start_at_height(Height height) {
    tip_ = height;
    mempool_.confirm_block(std::span<const TxId>{}, height, now_s());
}

void World::wake(AgentIndex agent, double delay_s, std::uint32_t tag) {
    sim_.schedule_in(sim::from_seconds(delay_s), sim::EntityId{0}, AgentWake{agent, tag});
}

void World::schedule_block() {
    // One Poisson process for all hash (Nakamoto 2008 §11); the finder is drawn when it fires.
    sim_.schedule_in(sim::from_seconds(sim::random::exponential_mean(mining_rng_, params_.block_interval_s)),
                     sim::EntityId{0}, BlockFound{});
}

bool World::valid_in_mempool(const Transaction& tx) const {
    // Bitcoin Core checks scripts at acceptance (validation.cpp PolicyScriptChecks); here: the
    // spent coin exists (confirmed, or an output of a modelled mempool transaction) and the
    // witness satisfies its policy. Timelocks are the mempool's own finality rule. First the
    // context-free checks (consensus/tx_check.cpp CheckTransaction, run by PreChecks): no
    // negative output and no output above the inputs, or a template would hold an invalid tx.
    if (tx.fee < Sat{0}) return false;
    for (const TxOut& out : tx.outputs)
        if (out.value < Sat{0}) return false;
    for (std::size_t i = 0; i < tx.inputs.size(); ++i) {
        const Outpoint& o = tx.inputs[i].prevout;
        const TxOut* spent = nullptr;
        if (const Coin* c = coins_.find(o)) spent = &c->output;
        else if (auto it = modelled_in_mempool_.find(o.tx); it != modelled_in_mempool_.end() && o.index < it->second.outputs.size())
            spent = &it->second.outputs[o.index];
        if (!spent || !spent->policy) return false;
        if (!witness_satisfies(*spent->policy, tx, i)) return false;
    }
    return true;
}

void World::note_accept(const Transaction& tx, const mempool::AcceptResult& r) {
    if (!r.accepted()) return;
    ++stats_.txs_broadcast;
    stats_.txs_replaced += r.replaced.size();
    for (TxId gone : r.replaced) modelled_in_mempool_.erase(gone);
    for (TxId gone : r.evicted) modelled_in_mempool_.erase(gone);
    if (!is_background(tx)) modelled_in_mempool_.emplace(tx.id, tx);
}

mempool::AcceptResult World::broadcast(const Transaction& tx) {
    if (!valid_in_mempool(tx)) {
        mempool::AcceptResult refused;
        refused.reject = mempool::Reject{mempool::RejectReason::invalid_input, "world: input missing or its policy not satisfied"};
        return refused;
    }
    auto r = mempool_.submit(tx);
    note_accept(tx, r);
    return r;
}

mempool::AcceptResult World::broadcast_package(const Transaction& parent, const Transaction& child) {
    if (!valid_in_mempool(parent)) return broadcast(parent);
    auto r = mempool_.submit_package(parent, child);
    if (r.accepted()) {
        note_accept(parent, r);
        ++stats_.txs_broadcast;
        modelled_in_mempool_.emplace(child.id, child);
    }
    return r;
}

std::vector<TxId> World::spenders_in_mempool(const Outpoint& o) const {
    std::vector<TxId> out;
    for (const auto& [id, tx] : modelled_in_mempool_)
        for (const TxIn& in : tx.inputs)
            if (in.prevout == o) out.push_back(id);
    std::sort(out.begin(), out.end());  // deterministic whatever the hash map's order
    return out;
}

bool World::is_allowed(TxId id) const {
    return std::find(orders_.allowed.begin(), orders_.allowed.end(), id) != orders_.allowed.end();
}

std::unordered_set<TxId> World::exclusions(std::size_t pool, const mempool::TemplateRequest& request) const {
    std::unordered_set<TxId> out;
    if (controlled_[pool])
        for (const Outpoint& o : orders_.censored)
            for (TxId id : spenders_in_mempool(o))
                if (!is_allowed(id)) out.insert(id);
    if (bribe_rule_ == BribeRule::ignore) return out;
    for (const BribeOffer& offer : orders_.offers) {
        if (request.height >= offer.valid_from) continue;
        std::unordered_set<TxId> victims;
        for (TxId id : spenders_in_mempool(offer.contested))
            if (id != offer.briber_tx) victims.insert(id);
        if (victims.empty()) continue;
        // Myopic rule (Nadahalli et al. 2021 §4): compare the fees the template gives up by leaving
        // the victims out with this pool's expected share of the bribe.
        mempool::TemplateRequest with = request, without = request;
        with.excluded = &out;
        std::unordered_set<TxId> both = out;
        both.insert(victims.begin(), victims.end());
        without.excluded = &both;
        const Sat given_up = build_template(mempool_, with).fees - build_template(mempool_, without).fees;
        const auto bribe = static_cast<double>(offer.bribe.value), lost = static_cast<double>(given_up.value);
        const bool censors = bribe_rule_ == BribeRule::myopic
                                 ? pools_.share(pool) * bribe > lost
                                 : non_myopic_censors(pools_.shares(), bribe, lost, offer.valid_from - 1 - request.height)[pool];
        if (censors) out = std::move(both);
    }
    return out;
}

std::vector<Transaction> World::connect(const mempool::BlockTemplate& block, Height height) {
    // The consensus check of every modelled transaction in block order (outputs of earlier ones
    // are spendable by later ones). A template never holds an invalid one, since acceptance and
    // finality were checked; a failure here would be a bug in the world, so it throws.
    std::vector<Transaction> modelled;
    const BlockContext ctx{height, 0};
    for (TxId id : block.txids) {
        auto it = modelled_in_mempool_.find(id);
        if (it == modelled_in_mempool_.end()) continue;
        const Transaction& tx = it->second;
        if (auto reject = check_transaction(tx, coins_, ctx))
            throw std::logic_error(std::string("world: a template holds an invalid transaction: ") +
                                   to_string(reject->reason) + " " + reject->detail);
        for (const TxIn& in : tx.inputs) coins_.spend(in.prevout);
        coins_.add_outputs(tx, CoinTime{height, 0});
        modelled.push_back(tx);
    }
    return modelled;
}

void World::mine_block() {
    const std::size_t pool = pools_.finder(finder_rng_);
    mempool::TemplateRequest request;
    request.height = tip_ + 1;
    request.min_fee_rate = block_min_fee_named(params_.mempool.rules);
    const auto excluded = exclusions(pool, request);
    request.excluded = &excluded;
    const mempool::BlockTemplate block = build_template(mempool_, request);
    const auto modelled = connect(block, request.height);
    tip_ = request.height;
    mempool_.confirm_block(block.txids, tip_, now_s());
    MinedBlock record{tip_, pool, now_s(), block.fees, block.weight, {}};
    for (const Transaction& tx : modelled) {
        confirmed_.emplace(tx.id, tip_);
        record.modelled.push_back(tx.id);
        modelled_in_mempool_.erase(tx.id);
    }
    // Conflicts of the confirmed transactions left the mempool with them.
    std::erase_if(modelled_in_mempool_, [&](const auto& kv) { return !mempool_.contains(kv.first); });
    stats_.txs_confirmed += block.txids.size();
    ++stats_.blocks;
    mined_.push_back(std::move(record));
}

}  // namespace models::bitcoin
