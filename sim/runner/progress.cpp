// See progress.hpp. Output goes to stderr so stdout stays machine-readable.
#include "sim/runner/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace sim {

ProgressMode parse_progress_mode(const std::string& text) {
    if (text == "auto") return ProgressMode::automatic;
    if (text == "bar") return ProgressMode::bar;
    if (text == "lines") return ProgressMode::lines;
    if (text == "none") return ProgressMode::none;
    throw std::invalid_argument("--progress takes auto|bar|lines|none");
}

ProgressReporter::ProgressReporter(ProgressMode mode, std::uint64_t total, const std::atomic<std::uint64_t>& done)
    : mode_(mode), total_(total), done_(done), start_(std::chrono::steady_clock::now()) {
    if (mode_ == ProgressMode::automatic) mode_ = isatty(STDERR_FILENO) ? ProgressMode::bar : ProgressMode::lines;
    if (const char* env = std::getenv("L2SIM_PROGRESS_INTERVAL_S")) interval_s_ = std::atof(env);
    if (!(interval_s_ > 0.0)) interval_s_ = 30.0;
    if (mode_ != ProgressMode::none) thread_ = std::thread([this] { loop(); });
}

ProgressReporter::~ProgressReporter() {
    if (mode_ == ProgressMode::none) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    print(true);
}

void ProgressReporter::loop() {
    const double period_s = mode_ == ProgressMode::bar ? 0.25 : interval_s_;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::duration<double>(period_s), [this] { return stop_; }))
        print(false);
}

void ProgressReporter::print(bool final_line) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::uint64_t done = done_.load();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total_ - std::min(done, total_)) / rate : 0.0;
    const std::string text = fmt::format("{}/{} runs ({:.1f}%)  {:.1f} runs/s  elapsed {:.0f} s  ETA {:.0f} s",
                                         done, total_, total_ ? 100.0 * done / total_ : 100.0, rate, elapsed, eta);
    if (mode_ == ProgressMode::bar) fmt::print(stderr, "\r{}\x1b[K{}", text, final_line ? "\n" : "");
    else fmt::print(stderr, "progress: {}\n", text);
    std::fflush(stderr);
}

}  // namespace sim
