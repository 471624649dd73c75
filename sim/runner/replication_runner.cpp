// See replication_runner.hpp. Runs go in waves: TBB computes a wave while the writer thread
// stores the previous one, so the file trails the computation by at most one wave and a killed
// sweep loses at most that much work.
#include "sim/runner/replication_runner.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace sim {

namespace {

struct Completed {
    std::uint64_t run = 0;
    bool done = false;
    std::vector<io::Cell> row;
    std::vector<double> events;
};
using Batch = std::vector<Completed>;

/// The single thread that calls HDF5 during a run.
class WriterThread {
public:
    explicit WriterThread(io::ResultsWriter& writer) : writer_(writer), thread_([this] { loop(); }) {}

    void push(std::shared_ptr<Batch> batch) {
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(std::move(batch));
        }
        wake_.notify_one();
    }

    /// Drains the queue, joins, and rethrows a write error if one occurred.
    void finish() {
        {
            std::lock_guard lock(mutex_);
            closing_ = true;
        }
        wake_.notify_one();
        thread_.join();
        if (error_) std::rethrow_exception(error_);
    }

    /// True once a write failed (disk full): computing further runs would only be lost.
    bool failed() const { return failed_.load(); }

private:
    void loop() {
        for (;;) {
            std::shared_ptr<Batch> batch;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
                if (queue_.empty()) return;
                batch = std::move(queue_.front());
                queue_.pop_front();
            }
            if (error_) continue;
            try {
                store(*batch);
            } catch (...) {
                error_ = std::current_exception();
                failed_.store(true);
            }
        }
    }

    void store(const Batch& batch) {
        std::size_t i = 0;
        while (i < batch.size()) {
            if (!batch[i].done) {
                ++i;
                continue;
            }
            std::size_t j = i;  // a contiguous segment of completed runs
            std::vector<std::vector<io::Cell>> rows;
            while (j < batch.size() && batch[j].done && batch[j].run == batch[i].run + (j - i))
                rows.push_back(batch[j++].row);
            writer_.write_rows(batch[i].run, rows);
            for (std::size_t k = i; k < j; ++k) writer_.append_events(batch[k].run, batch[k].events);
            i = j;
        }
        writer_.flush();
    }

    io::ResultsWriter& writer_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Batch>> queue_;
    bool closing_ = false;
    std::exception_ptr error_;
    std::atomic<bool> failed_{false};
    std::thread thread_;
};

io::Cell swept_cell(const Value& v, const io::ColumnSpec& spec) {
    io::Cell c{};
    if (auto s = std::get_if<std::string>(&v)) {
        const auto it = std::find(spec.categories.begin(), spec.categories.end(), *s);
        c.i64 = it - spec.categories.begin();
    } else if (spec.column.type == ColumnType::f64) {
        c.f64 = as_number(v).value_or(0.0);
    } else {
        c.i64 = static_cast<std::int64_t>(as_number(v).value_or(0.0));
    }
    return c;
}

io::Cell outcome_cell(double x, ColumnType type) {
    io::Cell c{};
    switch (type) {
        case ColumnType::f64: c.f64 = x; break;
        case ColumnType::i64: c.i64 = static_cast<std::int64_t>(x); break;
        default: c.u64 = static_cast<std::uint64_t>(x); break;
    }
    return c;
}

class RunExecutor {
public:
    explicit RunExecutor(const Plan& plan) : plan_(plan), layout_(plan.layout()) {
        params_.resize(plan.points.size());
        for (std::size_t p = 0; p < plan.points.size(); ++p) params_[p] = plan.params_for(p);
    }

    Completed run(std::uint64_t run) const {
        const RunInput in = plan_.input(run);
        Completed out;
        out.run = run;
        out.done = true;
        auto status = io::RunStatus::ok;
        RunOutput result;
        try {
            result = plan_.scenario->model->run(*params_[in.point], in);
        } catch (const std::exception& e) {
            status = io::RunStatus::failed;
            fmt::print(stderr, "run {} failed: {}\n", run, e.what());
        }
        fill_row(out.row, in, status, result.outcomes);
        out.events = std::move(result.events);
        return out;
    }

private:
    void fill_row(std::vector<io::Cell>& row, const RunInput& in, io::RunStatus status,
                  const std::vector<double>& outcomes) const {
        row.resize(layout_.columns.size());
        row[0].u64 = in.run;
        row[1].u64 = in.point;
        row[2].u64 = in.rep;
        row[3].u64 = in.master_seed;
        row[4].u64 = static_cast<std::uint64_t>(status);
        const std::size_t swept = plan_.keys.size();
        for (std::size_t i = 0; i < swept; ++i) row[5 + i] = swept_cell(plan_.points[in.point][i], layout_.columns[5 + i]);
        const std::size_t first = 5 + swept;
        for (std::size_t c = first; c < row.size(); ++c) {
            const std::size_t k = c - first;
            const double x = k < outcomes.size() ? outcomes[k] : std::numeric_limits<double>::quiet_NaN();
            row[c] = outcome_cell(status == io::RunStatus::ok ? x : std::numeric_limits<double>::quiet_NaN(),
                                  layout_.columns[c].column.type);
        }
    }

    const Plan& plan_;
    io::Layout layout_;
    std::vector<std::unique_ptr<ParamSet>> params_;
};

bool stop_requested(const RunnerOptions& o) { return o.stop_signal && o.stop_signal->load() != 0; }

}  // namespace

RunnerResult execute_runs(const Plan& plan, RunSource& source, io::ResultsWriter& writer,
                          const RunnerOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const RunExecutor executor(plan);
    std::atomic<std::uint64_t> done{0};
    RunnerResult result;
    std::uint64_t taken = 0;
    {
        ProgressReporter progress(options.progress, source.expected(), done);
        WriterThread writer_thread(writer);
        tbb::task_arena arena(std::max(1, options.threads));
        std::size_t wave = static_cast<std::size_t>(std::max(1, options.threads)) * 2;
        while (!stop_requested(options) && !writer_thread.failed()) {
            const std::vector<std::uint64_t> runs = source.take(wave);
            if (runs.empty()) break;
            taken += runs.size();
            auto batch = std::make_shared<Batch>(runs.size());
            const auto t0 = std::chrono::steady_clock::now();
            arena.execute([&] {
                tbb::parallel_for(
                    tbb::blocked_range<std::size_t>(0, runs.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i) {
                            if (stop_requested(options)) continue;
                            (*batch)[i] = executor.run(runs[i]);
                            ++done;
                        }
                    },
                    tbb::simple_partitioner());
            });
            for (const auto& c : *batch)
                if (c.done) (c.row[4].u64 == static_cast<std::uint64_t>(io::RunStatus::ok) ? result.ok : result.failed)++;
            writer_thread.push(std::move(batch));
            // Aim for waves of about half a second: short enough to lose little on a kill.
            const double wave_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (wave_s < 0.25 && wave < 65536) wave *= 2;
            else if (wave_s > 1.0 && wave > static_cast<std::size_t>(options.threads)) wave /= 2;
        }
        writer_thread.finish();
    }
    result.not_run = taken + source.left() - result.ok - result.failed;
    result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

RunnerResult execute_runs(const Plan& plan, const std::vector<std::uint64_t>& runs, io::ResultsWriter& writer,
                          const RunnerOptions& options) {
    RunList list(runs);
    return execute_runs(plan, list, writer, options);
}

}  // namespace sim
