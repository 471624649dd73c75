// See dispute_setup.hpp.
#include "models/layer2/dispute/dispute_setup.hpp"

#include <functional>
#include <stdexcept>
#include <string>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2 {

namespace {

std::shared_ptr<const bitcoin::policy::Policy> parsed(const std::string& text, bitcoin::policy::SymbolTable& symbols) {
    auto r = bitcoin::policy::parse(text, symbols);
    if (!r.ok()) throw std::logic_error("dispute policy: " + r.error.message + " in " + text);
    return std::make_shared<const bitcoin::policy::Policy>(std::move(*r.policy));
}

std::string guarded(const std::string& key, std::uint32_t delay) {
    return delay == 0 ? "pk(" + key + ")" : "and(pk(" + key + "), older(" + std::to_string(delay) + "))";
}

}  // namespace

DisputeSetup make_dispute(bitcoin::Outpoint contested, bitcoin::Sat value, std::uint32_t claim_delay_blocks,
                          std::uint32_t window_blocks) {
    DisputeSetup d;
    d.contested = contested;
    d.honest_key = d.symbols.key("honest");
    d.adversary_key = d.symbols.key("adversary");
    d.contested_policy =
        parsed("or(" + guarded("honest", claim_delay_blocks) + ", " + guarded("adversary", window_blocks) + ")", d.symbols);
    d.contested_output = bitcoin::TxOut{value, d.contested_policy};
    d.honest_payout = parsed("pk(honest)", d.symbols);
    d.adversary_payout = parsed("pk(adversary)", d.symbols);
    return d;
}

namespace {

/// A spend of the contested output along the holder's cheapest valid path at `height`, paying
/// everything but the fee at `rate` to `payout`.
bitcoin::Transaction claim_tx(bitcoin::TxId id, const DisputeSetup& d, bitcoin::KeyId key,
                              const std::shared_ptr<const bitcoin::policy::Policy>& payout, bitcoin::Height height,
                              const std::function<bitcoin::Sat(bitcoin::Weight)>& fee_for) {
    bitcoin::policy::Assets assets;
    assets.keys = {key};
    assets.height = height;
    assets.age_blocks = height;  // the contested output confirmed at height 0
    const auto path = bitcoin::policy::satisfy(*d.contested_policy, assets);
    if (!path) return {};
    const auto build = [&](bitcoin::Sat fee) {
        return bitcoin::TxBuilder(id).spend(d.contested, d.contested_output, *path).pay(d.contested_output.value - fee, payout).build();
    };
    const bitcoin::Transaction draft = build(bitcoin::Sat{0});
    return build(fee_for(draft.weight));
}

}  // namespace

bitcoin::Transaction make_claim(bitcoin::TxId id, const DisputeSetup& d, bool honest, bitcoin::Height height,
                                const std::function<bitcoin::Sat(bitcoin::Weight)>& fee_for) {
    return honest ? claim_tx(id, d, d.honest_key, d.honest_payout, height, fee_for)
                  : claim_tx(id, d, d.adversary_key, d.adversary_payout, height, fee_for);
}

}  // namespace models::layer2
