// Shared helpers of `make bench`: medians, wall clocks, the machine's load average (printed beside
// every ratio, since the machines are shared) and running sibling programs.
#pragma once

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace bench {

inline double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    const std::size_t n = xs.size();
    return n % 2 ? xs[n / 2] : 0.5 * (xs[n / 2 - 1] + xs[n / 2]);
}

template <class F>
double seconds_of(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// CPU seconds used so far by the calling thread: on a shared machine the wall time also counts
/// the time other processes held the core, this does not.
inline double thread_cpu_s() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// "load 1.23 0.98 0.75" from /proc/loadavg (1, 5 and 15 minutes).
inline std::string load_average() {
    std::ifstream in("/proc/loadavg");
    double a = 0, b = 0, c = 0;
    in >> a >> b >> c;
    char buf[64];
    std::snprintf(buf, sizeof buf, "load %.2f %.2f %.2f", a, b, c);
    return buf;
}

/// The directory of the running executable: l2sim and phold_ns3 are built beside l2sim_bench.
inline std::filesystem::path build_dir() {
    return std::filesystem::read_symlink("/proc/self/exe").parent_path();
}

/// Runs a shell command and returns its standard output (empty on failure).
inline std::string run_capture(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buf[512];
        while (std::fgets(buf, sizeof buf, pipe)) out += buf;
        if (pclose(pipe) != 0) out.clear();
    }
    return out;
}

struct Options {
    bool quick = false;  ///< one trial, two sizes (a smoke run of the bench itself)
    int trials = 0;      ///< PHOLD trials per implementation; 0: the default (5)
    double scale = 1.0;  ///< multiplies PHOLD's events per trial (shorter runs on a loaded machine)
};

/// CPU seconds (user + system) used so far by finished child processes.
inline double children_cpu_s() {
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

void bench_phold(const Options& o);
/// One untimed-set-up trial of one implementation ("l2sim" or "ref") at N LPs x K events, about
/// `events` events: for instruction counts under valgrind (`l2sim_bench phold-one ...`).
void phold_one(const std::string& impl, std::int64_t lps, std::int64_t per_lp, double events);
void bench_scaling(const Options& o);

}  // namespace bench
