// `make bench`, scaling: a CPU-bound sweep (scenarios/bench/phold_scaling.toml) run by the l2sim
// executable on 1 and 2 threads, as one process and as two `--shard i/2` processes plus `merge`,
// and under `mpirun -np 1` and `-np 2` (on a sweep three times longer, phold_scaling_long.toml, so
// that MPI's fixed start-up is a small part). Each pair of wall times is taken back to back; the
// ratio is (1-way wall) / (2-way wall), the median over repeats, with the load average beside it.
// For MPI it also prints where the 2-way run's time goes: the fixed cost of a tiny sweep at -np 2
// against -np 1, and each rank's runs and runner wall time (the balance of the claimed blocks).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <functional>

#include "tests/bench/bench_util.hpp"

namespace bench {

namespace {

bool run_quiet(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

/// Runs `command` keeping its standard error (l2sim's summary lines) in `log`.
bool run_logged(const std::string& command, const std::string& log) {
    return std::system((command + " >/dev/null 2>" + log).c_str()) == 0;
}

/// "rank 0: 7,344 runs in 12.31 s; rank 1: ..." from the ranks' summary lines
/// ("OUT.rank<r>.h5: N ok, F failed, P not run, W s wall, T thread(s)").
std::string rank_balance(const std::string& log) {
    std::ifstream in(log);
    std::vector<std::string> parts;
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find(".rank");
        unsigned rank = 0;
        unsigned long long ok = 0;
        double wall = 0;
        if (at != std::string::npos &&
            std::sscanf(line.c_str() + at, ".rank%u.h5: %llu ok, %*u failed, %*u not run, %lf s wall", &rank, &ok,
                        &wall) == 3)
            parts.push_back(fmt::format("rank {}: {} runs in {:.2f} s", rank, ok, wall));
    }
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

struct Pair {
    std::vector<double> one, two, ratio, cpu_one, cpu_two;
    std::string load;
};

/// Alternates the 1-way and 2-way commands `repeats` times.
Pair measure(int repeats, const std::function<bool()>& one, const std::function<bool()>& two) {
    Pair p;
    for (int r = 0; r < repeats; ++r) {
        bool ok = true;
        const double c0 = children_cpu_s();
        const double a = seconds_of([&] { ok = one() && ok; });
        const double c1 = children_cpu_s();
        const double b = seconds_of([&] { ok = two() && ok; });
        p.cpu_one.push_back(c1 - c0);
        p.cpu_two.push_back(children_cpu_s() - c1);
        if (!ok) {
            fmt::print("  (a command failed; see the command lines above)\n");
            return {};
        }
        p.one.push_back(a);
        p.two.push_back(b);
        p.ratio.push_back(a / b);
    }
    p.load = load_average();
    return p;
}

void report(const char* what, const Pair& p) {
    if (p.ratio.empty()) return;
    // CPU seconds beside wall seconds: equal CPU for both ways means the parallel run did no extra
    // work, so a speed-up below 2x comes from the machine's other load, not from l2sim.
    fmt::print(
        "  {:<44} wall {:>6.2f} s {:>6.2f} s  speed-up {:.2f}x (median of {})  CPU {:.2f} s {:.2f} "
        "s  {}\n",
        what, median(p.one), median(p.two), median(p.ratio), p.ratio.size(), median(p.cpu_one),
        median(p.cpu_two), load_average());
}

}  // namespace

void bench_scaling(const Options& o) {
    const auto dir = build_dir();
    const std::string l2sim = (dir / "l2sim").string();
    const std::string spec = (dir.parent_path() / "scenarios/bench/phold_scaling.toml").string();
    char tmpl[] = "/tmp/l2sim_bench_XXXXXX";
    const std::string tmp = mkdtemp(tmpl) ? tmpl : "/tmp";
    const int repeats = o.quick ? 1 : 3;
    const auto sweep = [&](const std::string& extra, const std::string& out) {
        return fmt::format("{} sweep {} --overwrite --progress none {} -o {}/{}", l2sim, spec,
                           extra, tmp, out);
    };
    fmt::print("Scaling of a CPU-bound sweep ({}), 1-way then 2-way back to back:\n", spec);
    report("threads: --threads 1 vs --threads 2",
           measure(
               repeats, [&] { return run_quiet(sweep("--threads 1", "t1.h5")); },
               [&] { return run_quiet(sweep("--threads 2", "t2.h5")); }));
    report("shards: one process vs 2 x --shard + merge",
           measure(
               repeats, [&] { return run_quiet(sweep("--threads 1", "s.h5")); },
               [&] {
                   const std::string both =
                       fmt::format("( {} & {} & wait )", sweep("--shard 0/2", "s0.h5"),
                                   sweep("--shard 1/2", "s1.h5"));
                   return run_quiet(both) &&
                          run_quiet(fmt::format("{} merge {}/s0.h5 {}/s1.h5 --overwrite -o {}/m.h5",
                                                l2sim, tmp, tmp, tmp));
               }));
    const bool mpi = run_capture(l2sim + " --version").find("+mpi") != std::string::npos &&
                     run_quiet("command -v mpirun");
    if (mpi) {
        const std::string mpirun = "mpirun --allow-run-as-root --oversubscribe --bind-to none";
        const std::string long_spec = (dir.parent_path() / "scenarios/bench/phold_scaling_long.toml").string();
        const std::string mpi_spec = o.quick ? spec : long_spec;
        const auto mpi_sweep = [&](int np, const std::string& out) {
            return fmt::format("{} -np {} {} sweep {} --overwrite --progress none -o {}/{}", mpirun, np, l2sim,
                               mpi_spec, tmp, out);
        };
        const std::string log = tmp + "/p2.log";
        fmt::print("  MPI pair on {}\n", mpi_spec);
        report("MPI: mpirun -np 1 vs -np 2",
               measure(
                   repeats, [&] { return run_quiet(mpi_sweep(1, "p1.h5")); },
                   [&] { return run_logged(mpi_sweep(2, "p2.h5"), log); }));
        fmt::print("    last -np 2 run, claimed blocks per rank: {}\n", rank_balance(log));
        // The fixed cost: a 15-run sweep of 1 simulated second does almost no work, so its wall
        // time is start-up, file creation, the merge and shut-down. Open MPI's UCX layer alone
        // takes about 0.2 s of MPI_Init on a machine without a fast network; `--mca pml ob1`
        // skips it (l2sim's traffic, a counter and two collectives, needs no fast network).
        const std::string tiny_spec = (dir.parent_path() / "scenarios/examples/phold_sweep.toml").string();
        const auto tiny = [&](const std::string& launcher) {
            std::vector<double> wall;
            for (int r = 0; r < 3; ++r)
                wall.push_back(seconds_of([&] {
                    run_quiet(fmt::format("{} {} sweep {} --overwrite --progress none --set phold.end_time_s=1 -o {}/tiny.h5",
                                          launcher, l2sim, tiny_spec, tmp));
                }));
            return median(wall);
        };
        fmt::print("    fixed cost (15-run sweep of ~0 work, median of 3): -np 1 {:.2f} s, -np 2 {:.2f} s, "
                   "-np 2 --mca pml ob1 {:.2f} s\n",
                   tiny(mpirun + " -np 1"), tiny(mpirun + " -np 2"), tiny(mpirun + " --mca pml ob1 -np 2"));
    } else {
        fmt::print("  MPI: l2sim built without MPI or mpirun missing; not measured\n");
    }
    std::filesystem::remove_all(tmp);
}

}  // namespace bench
