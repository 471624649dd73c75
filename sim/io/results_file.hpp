// The results file: netCDF4-compatible HDF5 with one 1-D dataset per column on a shared `run`
// dimension (H5DS dimension scales), an `events/` long table on its own `event` dimension, and
// provenance in root attributes. Only sim::io calls HDF5, and only from one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/model.hpp"

namespace sim::io {

/// One cell of a row; the column's type says which member holds the value.
union Cell {
    double f64;
    std::int64_t i64;
    std::uint64_t u64;
};

/// Run status codes in the `status` column (pending is the fill value of a new file).
enum class RunStatus : std::uint8_t { pending = 0, ok = 1, failed = 2 };

struct ColumnSpec {
    Column column;
    std::vector<std::string> categories;  ///< text parameters: stored as codes, CF flag_meanings
};

struct Layout {
    std::vector<ColumnSpec> columns;  ///< in file order; the first must be `run`
    std::vector<Column> event_columns;
};

struct Provenance {
    std::map<std::string, std::string> text;  ///< string attributes (scenario_text, git_commit, ...)
    std::map<std::string, std::int64_t> integers;
    std::uint64_t master_seed = 0;
};

/// The disk refused a write (full, quota, I/O error): exit code 1, and what is on disk stays
/// resumable. what() is the full message, starting with the file's name.
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Creates a new file (refuses to replace one unless `overwrite`), sized for `total_runs` rows whose
/// status starts as pending, then switches to SWMR so a killed writer leaves a readable file.
class ResultsWriter {
public:
    static ResultsWriter create(const std::string& path, const Layout& layout, const Provenance& prov,
                                std::uint64_t total_runs, bool overwrite);
    /// Reopens an existing file to complete it (resume); layout comes from the file.
    static ResultsWriter reopen(const std::string& path);
    ResultsWriter(ResultsWriter&&) noexcept;
    ResultsWriter& operator=(ResultsWriter&&) noexcept;
    ~ResultsWriter();

    /// Writes rows [first, first + rows.size()); each row has one Cell per layout column.
    void write_rows(std::uint64_t first, const std::vector<std::vector<Cell>>& rows);
    /// Appends event rows; `values` is row-major over event columns, run_index prepended here.
    void append_events(std::uint64_t run, const std::vector<double>& values);
    void flush();
    /// Ends SWMR, then records the final attributes (complete, wall_s, ...). The file is closed.
    void finish(const std::map<std::string, double>& real_attrs, const std::map<std::string, std::int64_t>& int_attrs);

    const Layout& layout() const;

private:
    struct Impl;
    explicit ResultsWriter(std::unique_ptr<Impl> impl);
    static ResultsWriter create_file(const std::string& path, const Layout& layout, const Provenance& prov,
                                     std::uint64_t total_runs);
    static ResultsWriter reopen_file(const std::string& path);
    std::unique_ptr<Impl> impl_;
};

/// Read access for `info`, `resume` and `merge`.
struct ResultsSummary {
    std::map<std::string, std::string> text_attrs;
    std::map<std::string, double> number_attrs;
    std::vector<std::string> columns;
    std::uint64_t rows = 0;
    std::uint64_t events = 0;
    std::uint64_t pending = 0, ok = 0, failed = 0;
};
ResultsSummary read_summary(const std::string& path);
/// The status column, one code per run.
std::vector<std::uint8_t> read_status(const std::string& path);

}  // namespace sim::io

namespace sim::io {

struct MergeResult {
    std::uint64_t done = 0, pending = 0;
};
/// Merges shard files of one plan (same plan_hash): each run's row comes from the shard that ran
/// it; events are concatenated and ordered by run. The result equals a single-process file.
MergeResult merge_results(const std::vector<std::string>& inputs, const std::string& output, bool overwrite);
/// Keeps only events of runs whose status is ok, ordered by run (stable). Used after resume.
void compact_events(const std::string& path);

}  // namespace sim::io
