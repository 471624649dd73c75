// What a model offers the engine: its parameters, the columns it emits and one replication as a
// function. The engine calls a model once per run (a virtual call per run, never per event).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <optional>

#include "sim/params/param_set.hpp"

namespace sim {

enum class ColumnType : std::uint8_t { f64, i64, u64, u8 };

/// One results column: a 1-D dataset on the `run` dimension (or the `event` dimension).
struct Column {
    std::string name;
    ColumnType type = ColumnType::f64;
    std::string unit = "1";
    std::string long_name;
};

/// Identity of one replication. Streams are keyed by (master_seed, stream_run): stream_run is the
/// run index, or the replication index under common random numbers.
struct RunInput {
    std::uint64_t master_seed = 0;
    std::uint64_t run = 0;
    std::uint64_t point = 0;
    std::uint64_t rep = 0;
    std::uint64_t stream_run = 0;
};

/// What one replication produced: one value per outcome column, and optionally an event log,
/// row-major over the model's event columns.
struct RunOutput {
    std::vector<double> outcomes;
    std::vector<double> events;
};

class Model {
public:
    virtual ~Model() = default;
    virtual std::string_view name() const = 0;
    virtual std::string_view help() const = 0;
    virtual std::unique_ptr<ParamSet> default_params() const = 0;
    virtual std::vector<Column> outcome_columns(const ParamSet& params) const = 0;
    virtual std::vector<Column> event_columns(const ParamSet& params) const = 0;
    /// Runs one replication. May throw: the runner records the run as failed.
    virtual RunOutput run(const ParamSet& params, const RunInput& input) const = 0;
    /// Checks rules that span several keys; throws InputError (position 0:0, the key named).
    virtual void check(const ParamSet& params, const std::string& file) const = 0;
    /// Exact values from an analytic or Markov-chain solution, where the model has one.
    virtual std::vector<std::pair<std::string, double>> exact(const ParamSet& params) const = 0;
};

/// Adapts a plain model class M (static members; see models/README.md) to the interface.
template <class M>
class ModelAdapter final : public Model {
public:
    using Params = typename M::Params;
    std::string_view name() const override { return M::name; }
    std::string_view help() const override { return M::help; }
    std::unique_ptr<ParamSet> default_params() const override {
        return std::make_unique<TypedParamSet<Params>>();
    }
    std::vector<Column> outcome_columns(const ParamSet& p) const override {
        return M::outcome_columns(typed(p));
    }
    std::vector<Column> event_columns(const ParamSet& p) const override {
        if constexpr (requires { M::event_columns(typed(p)); }) return M::event_columns(typed(p));
        else return {};
    }
    RunOutput run(const ParamSet& p, const RunInput& in) const override { return M::run(typed(p), in); }
    void check(const ParamSet& p, const std::string& file) const override {
        if constexpr (requires { M::check(typed(p)); }) {
            if (auto problem = M::check(typed(p))) throw InputError(SourcePos{file, 0, 0}, problem->first, problem->second);
        }
    }
    std::vector<std::pair<std::string, double>> exact(const ParamSet& p) const override {
        if constexpr (requires { M::exact(typed(p)); }) return M::exact(typed(p));
        else return {};
    }

private:
    static const Params& typed(const ParamSet& p) {
        return static_cast<const TypedParamSet<Params>&>(p).value();
    }
};

/// The models a program knows; built in main(), never a global.
class ModelRegistry {
public:
    template <class M>
    void add() {
        models_.push_back(std::make_unique<ModelAdapter<M>>());
    }
    const Model* find(std::string_view name) const {
        for (const auto& m : models_)
            if (m->name() == name) return m.get();
        return nullptr;
    }
    std::vector<const Model*> all() const {
        std::vector<const Model*> out;
        for (const auto& m : models_) out.push_back(m.get());
        return out;
    }

private:
    std::vector<std::unique_ptr<Model>> models_;
};

}  // namespace sim
