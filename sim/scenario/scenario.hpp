// A scenario: the TOML file's text, the engine's [experiment] keys, the chosen model's parameters
// and an optional [sweep]. Loading validates every key against its single declaration.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/model.hpp"
#include "sim/params/param_set.hpp"
#include "sim/scenario/sweep_spec.hpp"

namespace sim {

struct Scenario {
    std::string file;
    std::string text;
    std::unique_ptr<TypedParamSet<EngineParams>> engine;
    const Model* model = nullptr;
    std::unique_ptr<ParamSet> params;
    std::optional<SweepSpec> sweep;
    std::map<std::string, SourcePos> key_positions;  ///< where each key was set (file or --set)

    const ExperimentParams& experiment() const { return engine->value().experiment; }
    /// The field for a dotted key, engine or model; nullptr if unknown.
    const Field* find(std::string_view path) const;
    /// Every key with its help, for suggestions.
    std::vector<std::string> all_keys() const;
};

/// Reads, parses and validates a scenario file, then applies `--set key=value` overrides with the
/// same validation. Throws InputError (file:line:col, key) on any problem.
Scenario load_scenario(const std::string& file, const ModelRegistry& models,
                       const std::vector<std::string>& overrides = {});
/// As load_scenario, from text already read (resume re-reads the text stored in a results file).
Scenario load_scenario_text(const std::string& file, std::string text, const ModelRegistry& models,
                            const std::vector<std::string>& overrides = {});

/// Parses the right-hand side of `key=value` as a TOML value; a bare word becomes a string.
Value parse_override_value(const std::string& text, const SourcePos& pos);

/// Every effective parameter (defaults included) as TOML text, engine keys first.
std::string effective_parameters_toml(const Scenario& scenario);
std::string effective_parameters_toml(const ParamSet& params);

/// The closest key to `wanted` among `candidates` (Levenshtein), or "" when none is close.
std::string closest_key(const std::string& wanted, const std::vector<std::string>& candidates);

}  // namespace sim
