// libFuzzer target for the scenario reader: any bytes as a scenario file, read as `validate`
// reads one (TOML parse, keys, sweep, constraint, plan size, cross-key rules). An InputError is
// the expected answer to bad input; anything else escaping (another exception, a crash, a
// sanitizer report, a hang) is a bug. Built only with -DL2SIM_FUZZ=ON (the `fuzz` preset).
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/model_catalog.hpp"
#include "sim/runner/plan.hpp"
#include "sim/runner/plan_size.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

const sim::ModelRegistry& registry() {
    static const sim::ModelRegistry* models = [] {
        auto* r = new sim::ModelRegistry;
        models::register_all(*r);
        return r;
    }();
    return *models;
}

/// Expanding a plan costs memory in its size; the fuzzer explores shapes, not large sweeps.
constexpr std::uint64_t max_fuzzed_runs = 10'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const sim::Scenario s = sim::load_scenario_text("fuzz.toml", text, registry());
        sim::check_plan_size(s, true);
        const sim::PlanSize n = sim::plan_size(s, true);
        if (n.overflow || n.candidate_points > max_fuzzed_runs || n.candidate_points * n.replications > max_fuzzed_runs)
            return 0;
        const sim::Plan plan = sim::make_plan(s, true);
        (void)plan.hash_hex();
    } catch (const sim::InputError&) {
    }
    return 0;
}
