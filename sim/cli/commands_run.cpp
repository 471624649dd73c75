// run, sweep and resume: build the plan, open the results file, execute, close cleanly.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "sim/cli/commands.hpp"
#include "sim/cli/mpi_launch.hpp"
#include "sim/io/file_lock.hpp"
#include "sim/io/results_file.hpp"
#include "sim/io/torn_chunks.hpp"
#include "sim/runner/replication_runner.hpp"
#include "sim/runner/run_source.hpp"
#include "sim/runner/shard.hpp"

namespace sim::cli {

namespace {

Shard parse_shard(const std::string& text) {
    if (text.empty()) return {};
    const auto slash = text.find('/');
    try {
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        Shard s{std::stoull(text.substr(0, slash)), std::stoull(text.substr(slash + 1))};
        if (s.count == 0 || s.index >= s.count) throw std::invalid_argument("range");
        return s;
    } catch (const std::exception&) {
        throw InputError(SourcePos{"--shard", 0, 0}, "--shard", "expected I/N with 0 <= I < N, got \"" + text + "\"");
    }
}

void check_output_path(const std::string& path, bool overwrite) {
    const std::filesystem::path p(path);
    const auto dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(dir))
        throw InputError(SourcePos{path, 0, 0}, "-o", "output directory " + dir.string() + " does not exist");
    if (access(dir.c_str(), W_OK) != 0)
        throw InputError(SourcePos{path, 0, 0}, "-o", "output directory " + dir.string() + " is not writable");
    if (std::filesystem::exists(p) && !overwrite)
        throw InputError(SourcePos{path, 0, 0}, "-o",
                         "output file exists; pass --overwrite to replace it or `l2sim resume` to complete it");
}

std::string join_lines(const std::vector<std::string>& xs) {
    std::string s;
    for (const auto& x : xs) s += x + "\n";
    return s;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
        out.push_back(s.substr(start, nl - start));
    return out;
}

io::Provenance provenance(const Scenario& s, const Plan& plan, const BuildInfo& build,
                          const std::vector<std::string>& overrides, bool sweep, int threads, Shard shard,
                          ShardAssignment assignment) {
    io::Provenance p;
    p.text = {{"l2sim_version", build.version},
              {"git_commit", build.git_commit},
              {"scenario_file", s.file},
              {"scenario_text", s.text},
              {"overrides", join_lines(overrides)},
              {"effective_parameters", effective_parameters_toml(s)},
              {"model", std::string(s.model->name())},
              {"experiment_name", s.experiment().name},
              {"command", sweep ? "sweep" : "run"},
              {"plan_hash", plan.hash_hex()},
              {"seed_mode", plan.common_seeds ? "common" : "independent"},
              {"swept_keys", join_lines(plan.keys)},
              {shard_assignment_attr, shard_assignment_name(assignment)},
              {"Conventions", "CF-1.8"}};
    p.integers = {{"threads", threads},
                  {"replications", static_cast<std::int64_t>(plan.replications)},
                  {"points", static_cast<std::int64_t>(plan.points.size())},
                  {"shard_index", static_cast<std::int64_t>(shard.index)},
                  {"shard_count", static_cast<std::int64_t>(shard.count)}};
    p.master_seed = plan.master_seed;
    return p;
}

/// The disk refused a write: say which file, how many runs a reader (and `resume`) finds safely
/// stored in it, and how to continue. Exit code 1: the input was fine, the machine was not.
int report_storage_failure(const std::string& path, const std::string& what) {
    std::string stored = "the file could not be read back";
    try {
        std::uint64_t done = 0;
        for (std::uint8_t st : io::read_status(path)) done += st != static_cast<std::uint8_t>(io::RunStatus::pending);
        stored = fmt::format("{} run(s) are safely written", done);
    } catch (const std::exception&) {
    }
    fmt::print(stderr,
               "{}: error: writing the results failed ({}); {}; free space, or copy the file to another disk, "
               "then `l2sim resume` it\n",
               path, what, stored);
    return 1;
}

int execute_and_finish(const Plan& plan, RunSource& runs, io::ResultsWriter writer, const ExecOptions& o,
                       const std::string& path) {
    RunnerOptions ro;
    ro.threads = o.threads;
    ro.progress = parse_progress_mode(o.progress);
    ro.stop_signal = &stop_signal();
    RunnerResult r;
    try {
        r = execute_runs(plan, runs, writer, ro);
        const bool complete = r.not_run == 0;
        writer.finish({{"wall_s", r.wall_s}}, {{"complete", complete ? 1 : 0}, {"threads", o.threads}});
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        { const io::ResultsWriter closing = std::move(writer); }  // close what can be closed first
        return report_storage_failure(path, e.what());
    }
    fmt::print(stderr, "{}: {} ok, {} failed, {} not run, {:.2f} s wall, {} thread(s)\n", path, r.ok, r.failed,
               r.not_run, r.wall_s, o.threads);
    if (const int sig = stop_signal().load()) {
        fmt::print(stderr, "interrupted by signal {}; `l2sim resume {}` completes it\n", sig, path);
        return 128 + sig;
    }
    if (r.failed > 0) {
        fmt::print(stderr, "{} run(s) failed; `l2sim resume --retry-failed {}` reruns them\n", r.failed, path);
        return 1;
    }
    return 0;
}

}  // namespace

namespace {

/// How this process picks its runs: from `--shard` (all runs without it), or, under MPI, blocks
/// claimed from a counter that all ranks share.
struct RankClaims {
    std::function<std::uint64_t()> claim;
    Shard rank;  ///< this rank's index and the number of ranks
};

int run_plan(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build, bool sweep,
             const RankClaims* claims);

/// mpirun: the ranks claim blocks of the plan on demand (a rank that finishes early takes more),
/// rank r writing the runs it ran into OUT.rank<r>.h5; rank 0 merges them and removes the files.
int run_mpi_sweep(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build, const MpiRank& mpi) {
    ExecOptions mine = o;
    mine.shard.clear();
    mine.output = fmt::format("{}.rank{}.h5", o.output, mpi.rank);
    mine.overwrite = true;
    if (mpi.rank != 0) mine.progress = "none";
    MpiSession session(mpi);  // MPI starts on its own thread while this rank runs its first block
    const RankClaims claims{[&session] { return session.claim_block(); },
                            Shard{static_cast<std::uint64_t>(mpi.rank), static_cast<std::uint64_t>(mpi.size)}};
    int code = 2;
    try {
        if (mpi.rank == 0) check_output_path(o.output, o.overwrite);
        code = run_plan(mine, models, build, true, &claims);
    } catch (const InputError& e) {
        fmt::print(stderr, "rank {}: {}\n", mpi.rank, e.what());
    }
    code = session.max(code);
    session.release_counter();  // every rank is done claiming
    if (mpi.rank == 0 && code != 2) {
        std::vector<std::string> shards;
        for (int r = 0; r < mpi.size; ++r) shards.push_back(fmt::format("{}.rank{}.h5", o.output, r));
        const io::MergeResult m = io::merge_results(shards, o.output, true);
        for (const auto& s : shards) std::filesystem::remove(s);
        fmt::print(stderr, "{}: merged {} rank(s), {} run(s) done, {} pending\n", o.output, mpi.size, m.done, m.pending);
    }
    session.barrier();
    return code;
}

}  // namespace

namespace {

/// The files an MPI sweep writes before rank 0 merges them: OUT.rank0.h5, OUT.rank1.h5, ...
std::vector<std::string> rank_files(const std::string& output) {
    std::vector<std::string> out;
    for (int r = 0;; ++r) {
        std::string f = fmt::format("{}.rank{}.h5", output, r);
        if (!std::filesystem::exists(f)) return out;
        out.push_back(std::move(f));
    }
}

/// Says what repairing a killed writer's file changed (nothing is said when nothing was torn).
void report_repair(const std::string& path, const io::TornRepair& r) {
    if (r.chunks == 0) return;
    if (r.all_runs)
        fmt::print(stderr, "{}: {} chunk(s) a killed writer left half-written were rewritten, among them the events' "
                           "run index: every run will run again\n", path, r.chunks);
    else
        fmt::print(stderr, "{}: {} chunk(s) a killed writer left half-written were rewritten; their {} run(s) will "
                           "run again\n", path, r.chunks, r.runs_marked);
}

/// An MPI sweep killed before its merge leaves rank files and no OUT: merge them into OUT (runs
/// no rank finished stay pending) so `l2sim resume OUT` completes the sweep in this process.
void merge_rank_files(const std::string& output) {
    if (std::filesystem::exists(output)) return;
    const std::vector<std::string> ranks = rank_files(output);
    if (ranks.empty()) return;
    for (const auto& f : ranks) {
        io::FileLock::acquire(f);  // refuse while a rank still writes
        report_repair(f, io::repair_torn_chunks(f));
    }
    const io::MergeResult m = io::merge_results(ranks, output, false);
    for (const auto& f : ranks) std::filesystem::remove(f);
    fmt::print(stderr, "{}: merged {} rank file(s) of an interrupted MPI sweep: {} run(s) done, {} pending\n",
               output, ranks.size(), m.done, m.pending);
}

}  // namespace

int cmd_sweep(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build) {
    const MpiRank mpi = mpi_rank_from_environment();
    if (mpi.active) return run_mpi_sweep(o, models, build, mpi);
    return cmd_run(o, models, build, true);
}

int cmd_run(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build, bool sweep) {
    return run_plan(o, models, build, sweep, nullptr);
}

namespace {

int run_plan(const ExecOptions& o, const ModelRegistry& models, const BuildInfo& build, bool sweep,
             const RankClaims* claims) {
    std::vector<std::string> overrides = o.overrides;
    if (o.runs) overrides.push_back(fmt::format("experiment.runs={}", *o.runs));
    if (o.seed) overrides.push_back(fmt::format("experiment.seed={}", *o.seed));
    const Scenario s = load_scenario(o.scenario, models, overrides);
    if (sweep && !s.sweep) throw InputError(SourcePos{o.scenario, 0, 0}, "sweep", "the scenario has no [sweep] table");
    const Plan plan = make_plan(s, sweep);
    const Shard shard = claims ? claims->rank : parse_shard(o.shard);
    const ShardAssignment assignment = claims ? ShardAssignment::claimed : ShardAssignment::interleaved;
    const std::string out = o.output.empty() ? "results/" + s.experiment().name + ".h5" : o.output;
    check_output_path(out, o.overwrite);
    io::ResultsWriter writer = io::ResultsWriter::create(
        out, plan.layout(), provenance(s, plan, build, overrides, sweep, o.threads, shard, assignment),
        plan.total_runs(), o.overwrite);
    const io::FileLock lock = io::FileLock::acquire(out);
    const std::uint64_t total = plan.total_runs();
    if (claims) {
        ClaimedBlocks blocks(claim_blocks(total, shard.count), claims->claim, total / shard.count);
        return execute_and_finish(plan, blocks, std::move(writer), o, out);
    }
    const std::vector<std::uint64_t> runs = shard_runs(total, shard);
    RunList list(runs);
    return execute_and_finish(plan, list, std::move(writer), o, out);
}

}  // namespace

int cmd_resume(const ExecOptions& o, const ModelRegistry& models, const BuildInfo&) {
    merge_rank_files(o.output);
    if (!std::filesystem::exists(o.output)) throw InputError(SourcePos{o.output, 0, 0}, "", "no such results file");
    const io::FileLock lock = io::FileLock::acquire(o.output);  // held until the resume ends
    report_repair(o.output, io::repair_torn_chunks(o.output));
    const io::ResultsSummary summary = io::read_summary(o.output);
    auto text = summary.text_attrs;
    if (text["scenario_text"].empty())
        throw InputError(SourcePos{o.output, 0, 0}, "", "not an l2sim results file (no scenario_text)");
    const Scenario s = load_scenario_text(text["scenario_file"], text["scenario_text"], models,
                                          split_lines(text["overrides"]));
    const Plan plan = make_plan(s, text["command"] == "sweep");
    if (plan.hash_hex() != text["plan_hash"] && !o.force)
        throw InputError(SourcePos{o.output, 0, 0}, "plan_hash",
                         "the scenario's plan no longer matches this file (model or parameters changed); "
                         "pass --force to resume anyway");
    if (plan.total_runs() != summary.rows)
        throw InputError(SourcePos{o.output, 0, 0}, "total_runs", "the file's row count does not match the plan");
    const Shard shard{static_cast<std::uint64_t>(summary.number_attrs.at("shard_index")),
                      static_cast<std::uint64_t>(summary.number_attrs.at("shard_count"))};
    const std::vector<std::uint8_t> status = io::read_status(o.output);
    std::vector<std::uint64_t> runs;
    // Files written before the attribute existed assigned runs by stride.
    const ShardAssignment assignment = parse_shard_assignment(text[shard_assignment_attr]);
    if (assignment == ShardAssignment::claimed && shard.count != 1) {
        const std::string suffix = fmt::format(".rank{}.h5", shard.index);
        const bool named = o.output.size() > suffix.size() && o.output.ends_with(suffix);
        const std::string sweep_output = named ? o.output.substr(0, o.output.size() - suffix.size()) : "OUT.h5";
        throw InputError(SourcePos{o.output, 0, 0}, shard_assignment_attr,
                         "a rank file of an MPI sweep whose ranks claimed runs on demand: its runs are known only "
                         "together with the other ranks' files; run `l2sim resume " + sweep_output +
                             "`, which merges them first");
    }
    for (std::uint64_t r : shard_runs(plan.total_runs(), shard, assignment)) {
        const auto st = static_cast<io::RunStatus>(status[r]);
        if (st == io::RunStatus::pending || (o.retry_failed && st == io::RunStatus::failed)) runs.push_back(r);
    }
    fmt::print(stderr, "{}: {} of {} runs to do\n", o.output, runs.size(), plan.total_runs());
    io::compact_events(o.output);  // drop events of runs that will run again
    io::ResultsWriter writer = io::ResultsWriter::reopen(o.output);
    RunList list(runs);
    const int code = execute_and_finish(plan, list, std::move(writer), o, o.output);
    try {
        io::compact_events(o.output);  // order appended events by run, as an uninterrupted run has them
    } catch (const InputError&) {
        if (code == 0) throw;  // after a failed write (disk full) the first error is the one to report
    }
    return code;
}

int cmd_merge(const std::vector<std::string>& inputs, const ExecOptions& o) {
    check_output_path(o.output, true);  // an existing output is refused (or replaced) by the merge itself
    const io::MergeResult m = io::merge_results(inputs, o.output, o.overwrite);
    fmt::print(stderr, "{}: merged {} shard(s), {} run(s) done, {} pending\n", o.output, inputs.size(), m.done, m.pending);
    return 0;
}

}  // namespace sim::cli
