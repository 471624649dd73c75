// A params struct together with its Field records, behind a small interface so the engine can
// copy, override and print any model's parameters without knowing the struct.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/params/field.hpp"

namespace sim {

class ParamSet {
public:
    virtual ~ParamSet() = default;
    virtual std::unique_ptr<ParamSet> clone() const = 0;

    const std::vector<Field>& fields() const { return fields_; }
    const Field* find(std::string_view path) const {
        for (const auto& f : fields_)
            if (f.path == path) return &f;
        return nullptr;
    }

protected:
    std::vector<Field> fields_;
};

/// Owns one `P` (a struct with `describe(v)`) and the fields bound to it.
template <class P>
class TypedParamSet final : public ParamSet {
public:
    TypedParamSet() { bind(); }
    explicit TypedParamSet(const P& value) : value_(value) { bind(); }
    TypedParamSet(const TypedParamSet&) = delete;
    TypedParamSet& operator=(const TypedParamSet&) = delete;

    std::unique_ptr<ParamSet> clone() const override {
        return std::make_unique<TypedParamSet<P>>(value_);
    }
    const P& value() const { return value_; }

private:
    void bind() {
        fields_.clear();
        FieldCollector collector(fields_);
        value_.describe(collector);
    }
    P value_;
};

/// The engine's own scenario keys, under [experiment].
struct ExperimentParams {
    std::string name = "unnamed";
    std::string model;
    std::int64_t runs = 1;
    std::int64_t seed = 1;
    std::string seed_mode = "independent";
    std::int64_t max_runs = 10'000'000;  // a plan of this size takes about 1 GB to expand

    template <class V>
    void describe(V& v) {
        v.field("name", name, "-", "experiment name, stored in the results file");
        v.field("model", model, "-", "model to run (see `l2sim describe`)");
        v.field("runs", runs, "runs", "replications (run: --runs overrides)", at_least(1));
        v.field("seed", seed, "-", "master seed: every stream derives from (seed, run, stream)",
                non_negative());
        v.field("seed_mode", seed_mode, "-",
                "independent: streams keyed by run; common: by replication (common random numbers)",
                one_of({"independent", "common"}));
        v.field("max_runs", max_runs, "runs",
                "largest plan accepted: points before the constraint, and points x replications; a larger "
                "plan is refused before any file is created",
                at_least(1));
    }
};

struct EngineParams {
    ExperimentParams experiment;
    template <class V>
    void describe(V& v) {
        v.section("experiment", experiment);
    }
};

}  // namespace sim
