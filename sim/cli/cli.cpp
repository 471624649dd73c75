// Wires the subcommands with CLI11 and maps errors to exit codes.
#include "sim/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <hdf5.h>

#include <atomic>
#include <csignal>

#include "sim/cli/commands.hpp"
#include "sim/cli/mpi_launch.hpp"
#include "sim/io/results_file.hpp"
#include "sim/params/input_error.hpp"

namespace sim::cli {

std::atomic<int>& stop_signal() {
    static std::atomic<int> signal{0};
    return signal;
}

namespace {

extern "C" void on_signal(int sig) { stop_signal().store(sig); }

void add_exec_options(CLI::App* c, ExecOptions& o, bool with_output_required) {
    c->add_option("--set", o.overrides, "override a parameter: dotted.key=value (repeatable)");
    c->add_option("--threads,-t", o.threads, "worker threads (results do not depend on it)")
        ->check(CLI::Range(1, 4096));
    c->add_option("--progress", o.progress, "auto|bar|lines|none")
        ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
    c->add_flag("--overwrite", o.overwrite, "replace an existing output file");
    auto* out = c->add_option("-o,--output", o.output, "results file (.h5)");
    if (with_output_required) out->required();
}

}  // namespace

int main(int argc, char** argv, const ModelRegistry& models, const BuildInfo& build) {
    // No HDF5 shutdown at exit: every file is closed by its owner before main returns, and after a
    // write failed for lack of space, HDF5 1.10's shutdown crashes closing a file it could not close.
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported as exceptions, not dumps
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    CLI::App app{"l2sim: a parallel discrete-event simulator of Bitcoin and its Layer2 designs"};
    app.set_version_flag("--version", build.version + " (" + build.git_commit + ")" + (mpi_built() ? " +mpi" : ""));
    app.require_subcommand(1);
    ExecOptions o;
    std::string model_name, file;
    std::vector<std::string> inputs;

    auto* run = app.add_subcommand("run", "run N replications of a scenario's base point");
    run->add_option("scenario", o.scenario, "scenario TOML file")->required();
    run->add_option("--runs,-n", o.runs, "replications (overrides experiment.runs)")->check(CLI::PositiveNumber);
    run->add_option("--seed,-s", o.seed, "master seed (overrides experiment.seed)")->check(CLI::NonNegativeNumber);
    add_exec_options(run, o, false);

    auto* sweep = app.add_subcommand("sweep", "run every point of a scenario's [sweep]");
    sweep->add_option("spec", o.scenario, "scenario TOML file with a [sweep] table")->required();
    sweep->add_option("--seed,-s", o.seed, "master seed (overrides experiment.seed)")->check(CLI::NonNegativeNumber);
    sweep->add_option("--shard", o.shard, "run only shard I of N (I/N, 0-based): pieces I, I+N, ... of 16N contiguous pieces of the plan");
    add_exec_options(sweep, o, true);

    auto* resume = app.add_subcommand("resume", "complete an interrupted run or sweep from its status column");
    resume->add_option("file", o.output, "results file")->required();
    resume->add_flag("--retry-failed", o.retry_failed, "also rerun runs whose status is failed");
    resume->add_flag("--force", o.force, "resume even if the scenario's plan no longer matches the file");
    resume->add_option("--threads,-t", o.threads, "worker threads")->check(CLI::Range(1, 4096));
    resume->add_option("--progress", o.progress, "auto|bar|lines|none")
        ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));

    auto* merge = app.add_subcommand("merge", "merge shard files of one sweep into one file");
    merge->add_option("shards", inputs, "shard files")->required();
    merge->add_option("-o,--output", o.output, "merged results file")->required();
    merge->add_flag("--overwrite", o.overwrite, "replace an existing output file");

    auto* plan = app.add_subcommand("plan", "list a sweep's parameter points without running");
    plan->add_option("spec", o.scenario, "scenario TOML file")->required();
    plan->add_flag("--json", o.json, "print JSON instead of a table");
    plan->add_option("--set", o.overrides, "override a parameter: dotted.key=value");

    auto* validate = app.add_subcommand("validate", "parse and check a scenario; exit 2 on error");
    validate->add_option("scenario", o.scenario, "scenario TOML file")->required();
    validate->add_option("--set", o.overrides, "override a parameter: dotted.key=value");

    auto* describe = app.add_subcommand("describe", "list models, parameters, units, defaults and ranges");
    describe->add_option("model", model_name, "one model only");

    auto* info = app.add_subcommand("info", "print a results file's provenance and run counts");
    info->add_option("file", file, "results file")->required();

    auto* exact = app.add_subcommand("exact", "print the model's exact (analytic / Markov-chain) values");
    exact->add_option("scenario", o.scenario, "scenario TOML file")->required();
    exact->add_option("--set", o.overrides, "override a parameter: dotted.key=value");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    try {
        if (*run) return cmd_run(o, models, build, false);
        if (*sweep) return cmd_sweep(o, models, build);
        if (*resume) return cmd_resume(o, models, build);
        if (*merge) return cmd_merge(inputs, o);
        if (*plan) return cmd_plan(o, models);
        if (*validate) return cmd_validate(o, models);
        if (*describe) return cmd_describe(model_name, models);
        if (*info) return cmd_info(file);
        if (*exact) return cmd_exact(o, models);
    } catch (const InputError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 2;
    } catch (const io::StorageError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 1;
    } catch (const std::exception& e) {  // a failure of the machine or a bug: reported, never an abort
        fmt::print(stderr, "l2sim: error: {}\n", e.what());
        return 1;
    }
    return 2;
}

}  // namespace sim::cli
