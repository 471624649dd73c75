// Command implementations behind the CLI; each returns the process exit code.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/runner/progress.hpp"

namespace sim::cli {

struct ExecOptions {
    std::string scenario;
    std::string output;
    std::vector<std::string> overrides;
    std::optional<std::int64_t> runs;
    std::optional<std::int64_t> seed;
    int threads = 1;
    bool overwrite = false;
    std::string progress = "auto";
    std::string shard;  ///< "I/N" or empty
    bool retry_failed = false;
    bool force = false;
    bool json = false;
};

int cmd_run(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build, bool sweep);
int cmd_sweep(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build);
int cmd_resume(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build);
int cmd_merge(const std::vector<std::string>& inputs, const ExecOptions& o);
int cmd_plan(const ExecOptions& o, const ModelRegistry& models);
int cmd_validate(const ExecOptions& o, const ModelRegistry& models);
int cmd_describe(const std::string& model, const ModelRegistry& models);
int cmd_info(const std::string& file);
int cmd_exact(const ExecOptions& o, const ModelRegistry& models);

/// Set by the SIGINT/SIGTERM handler: the one piece of process-wide state, because a signal
/// handler can reach nothing else.
std::atomic<int>& stop_signal();

}  // namespace sim::cli
