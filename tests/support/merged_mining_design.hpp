// The merged-mining design the consensus tests race against: one peg key that is never for sale
// (availability 0), so the only plans are the peg-out reorganisations, with 80% of Bitcoin's hash
// merge-mining 30-second blocks (Rootstock's figures, designs/merged_mining.toml). The tests vary
// the peg-out depth and value.
#pragma once

#include <fmt/format.h>

#include <string>

namespace l2sim_test {

inline std::string merged_mining_design(const std::string& name, int pegout_confirmations, double pegout_btc) {
    return fmt::format(R"toml([design]
name = "{}"
[keys]
peg = {{ count = 1, held_by = "peg" }}
[agents.peg]
availability = 0.0
corruption_cost_btc = {{ law = "fixed", median = 1.0 }}
[outputs.peg]
policy = "pk(peg[0])"
value_btc = 50.0
[merged_mining]
merged_share = 0.8
block_interval_s = 30.0
pegout_confirmations = {}
pegout_btc = {:.1f}
)toml",
                       name, pegout_confirmations, pegout_btc);
}

}  // namespace l2sim_test
