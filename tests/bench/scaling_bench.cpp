// `make bench`, scaling: a CPU-bound sweep (scenarios/bench/phold_scaling.toml) run by the l2sim
// executable on 1 and 2 threads, as one process and as two `--shard i/2` processes plus `merge`,
// and under `mpirun -np 1` and `-np 2`. Each pair of wall times is taken back to back; the ratio is
// (1-way wall) / (2-way wall), the median over repeats, with the load average beside it.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

#include "tests/bench/bench_util.hpp"

namespace bench {

namespace {

bool run_quiet(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
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
        report(
            "MPI: mpirun -np 1 vs -np 2",
            measure(
                repeats,
                [&] { return run_quiet(fmt::format("{} -np 1 {}", mpirun, sweep("", "p1.h5"))); },
                [&] { return run_quiet(fmt::format("{} -np 2 {}", mpirun, sweep("", "p2.h5"))); }));
    } else {
        fmt::print("  MPI: l2sim built without MPI or mpirun missing; not measured\n");
    }
    std::filesystem::remove_all(tmp);
}

}  // namespace bench
