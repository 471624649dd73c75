// Progress reporting for long sweeps: a redrawn line on a terminal, a plain line every interval in
// batch logs (Slurm, CI), or nothing. Runs on its own thread and reads one atomic counter.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace sim {

enum class ProgressMode { automatic, bar, lines, none };
ProgressMode parse_progress_mode(const std::string& text);  ///< auto|bar|lines|none

class ProgressReporter {
public:
    /// `interval_s` is the batch-log period (30 s by default; L2SIM_PROGRESS_INTERVAL_S overrides).
    ProgressReporter(ProgressMode mode, std::uint64_t total, const std::atomic<std::uint64_t>& done);
    ~ProgressReporter();  ///< prints the final line (unless mode none)

private:
    void loop();
    void print(bool final_line);

    ProgressMode mode_;
    std::uint64_t total_;
    const std::atomic<std::uint64_t>& done_;
    std::chrono::steady_clock::time_point start_;
    double interval_s_ = 30.0;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace sim
