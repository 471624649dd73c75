// Shard merging and event-table compaction: whole-column rewrites, done after the runs, with no
// SWMR writer open.
#include <algorithm>
#include <filesystem>
#include <numeric>

#include "sim/io/hdf5_handle.hpp"
#include "sim/io/results_file.hpp"
#include "sim/params/input_error.hpp"

namespace sim::io {

namespace {

std::vector<Cell> read_cells(hid_t ds) {
    const ColumnType t = column_type_of(ds);
    std::vector<Cell> cells(extent_of(ds));
    if (cells.empty()) return cells;
    if (t == ColumnType::u8) {
        std::vector<std::uint8_t> b(cells.size());
        check(H5Dread(ds, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, b.data()), "read");
        for (std::size_t i = 0; i < b.size(); ++i) cells[i].u64 = b[i];
    } else {
        check(H5Dread(ds, native_type(t), H5S_ALL, H5S_ALL, H5P_DEFAULT, cells.data()), "read");
    }
    return cells;
}

void write_cells(hid_t ds, const std::vector<Cell>& cells) {
    const ColumnType t = column_type_of(ds);
    const hsize_t n[1] = {cells.size()};
    check(H5Dset_extent(ds, n), "extent");
    if (cells.empty()) return;
    if (t == ColumnType::u8) {
        std::vector<std::uint8_t> b(cells.size());
        for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(cells[i].u64);
        check(H5Dwrite(ds, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, b.data()), "write");
    } else {
        check(H5Dwrite(ds, native_type(t), H5S_ALL, H5S_ALL, H5P_DEFAULT, cells.data()), "write");
    }
}

using Table = std::vector<std::vector<Cell>>;  // columns

Table read_event_table(hid_t file, const std::vector<std::string>& names) {
    Table t;
    for (const auto& n : names) {
        Hid ds(H5Dopen2(file, ("events/" + n).c_str(), H5P_DEFAULT), H5Dclose);
        t.push_back(read_cells(ds));
    }
    return t;
}

/// Rewrites events/ keeping rows whose run is in `keep`, ordered by run_index (stable).
void rewrite_events(hid_t file, const std::vector<std::string>& names, Table table,
                    const std::vector<std::uint8_t>& status) {
    const std::size_t rows = table.empty() ? 0 : table[0].size();
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows; ++i) {
        const auto run = table[1][i].u64;
        if (run < status.size() && status[run] == static_cast<std::uint8_t>(RunStatus::ok)) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return table[1][a].u64 < table[1][b].u64; });
    for (std::size_t c = 0; c < names.size(); ++c) {
        std::vector<Cell> col(order.size());
        for (std::size_t i = 0; i < order.size(); ++i) col[i] = table[c][order[i]];
        if (c == 0)
            for (std::size_t i = 0; i < col.size(); ++i) col[i].u64 = i;  // the event coordinate
        Hid ds(H5Dopen2(file, ("events/" + names[c]).c_str(), H5P_DEFAULT), H5Dclose);
        write_cells(ds, col);
    }
}

std::vector<std::string> event_names(hid_t file) {
    auto names = split_columns(read_text_attr(file, "event_columns"));
    if (!names.empty()) names.insert(names.begin(), {"event", "run_index"});
    return names;
}

std::vector<std::uint8_t> status_of(hid_t file) {
    Hid ds(H5Dopen2(file, "status", H5P_DEFAULT), H5Dclose);
    std::vector<std::uint8_t> out;
    for (const auto& c : read_cells(ds)) out.push_back(static_cast<std::uint8_t>(c.u64));
    return out;
}

}  // namespace

void compact_events(const std::string& path) {
    reading(path, [&] {
        Hid file = open_for_writing(path);
        const auto names = event_names(file);
        if (names.empty()) return;
        rewrite_events(file, names, read_event_table(file, names), status_of(file));
    });
}

namespace {

/// Every input opens, belongs to one plan and has the same number of runs; else exit 2 naming it.
void check_inputs(const std::vector<std::string>& inputs, const std::string& output) {
    if (inputs.empty()) throw InputError(SourcePos{output, 0, 0}, "", "nothing to merge");
    std::error_code ec;
    for (const auto& in : inputs)
        if (std::filesystem::exists(output) && std::filesystem::equivalent(in, output, ec))
            throw InputError(SourcePos{output, 0, 0}, "-o", "the output is one of the inputs; name a new file");
    std::string hash;
    std::size_t runs = 0;
    for (const auto& in : inputs) {
        reading(in, [&] {
            Hid f = open_for_reading(in);
            const std::string h = read_text_attr(f, "plan_hash");
            if (h.empty()) throw InputError(SourcePos{in, 0, 0}, "plan_hash", "not an l2sim results file");
            if (!hash.empty() && h != hash)
                throw InputError(SourcePos{in, 0, 0}, "plan_hash", "shard belongs to a different plan than " + inputs[0]);
            hash = h;
            const std::size_t n = status_of(f).size();
            if (runs != 0 && n != runs)
                throw InputError(SourcePos{in, 0, 0}, "total_runs", "shard has a different number of runs");
            runs = n;
        });
    }
}

MergeResult merge_into(const std::vector<std::string>& inputs, const std::string& output) {
    std::filesystem::copy_file(inputs[0], output, std::filesystem::copy_options::overwrite_existing);
    Hid out = reading(inputs[0], [&] { return open_for_writing(output); });
    const auto columns = split_columns(read_text_attr(out, "columns"));
    const auto events = event_names(out);
    std::vector<std::uint8_t> merged_status = reading(inputs[0], [&] { return status_of(out); });
    Table merged_events = events.empty() ? Table{} : reading(inputs[0], [&] { return read_event_table(out, events); });
    for (std::size_t k = 1; k < inputs.size(); ++k) {
        Hid in = open_for_reading(inputs[k]);
        const auto st = reading(inputs[k], [&] { return status_of(in); });
        for (const auto& name : columns) {
            Hid src = reading(inputs[k], [&] { return Hid(H5Dopen2(in, name.c_str(), H5P_DEFAULT), H5Dclose); });
            Hid dst(H5Dopen2(out, name.c_str(), H5P_DEFAULT), H5Dclose);
            auto from = reading(inputs[k], [&] { return read_cells(src); });
            auto to = reading(inputs[0], [&] { return read_cells(dst); });
            if (from.size() != to.size())
                throw InputError(SourcePos{inputs[k], 0, 0}, name, "column has a different number of rows");
            for (std::size_t r = 0; r < st.size() && r < from.size(); ++r)
                if (st[r] != static_cast<std::uint8_t>(RunStatus::pending) &&
                    merged_status[r] == static_cast<std::uint8_t>(RunStatus::pending))
                    to[r] = from[r];
            write_cells(dst, to);
        }
        merged_status = status_of(out);
        if (!events.empty()) {
            Table t = reading(inputs[k], [&] { return read_event_table(in, events); });
            for (std::size_t c = 0; c < events.size(); ++c)
                merged_events[c].insert(merged_events[c].end(), t[c].begin(), t[c].end());
        }
    }
    if (!events.empty()) rewrite_events(out, events, std::move(merged_events), merged_status);
    MergeResult r;
    for (auto s : merged_status) (s == static_cast<std::uint8_t>(RunStatus::pending) ? r.pending : r.done)++;
    write_int_attr(out, "shard_index", 0);
    write_int_attr(out, "shard_count", 1);
    write_int_attr(out, "complete", r.pending == 0 ? 1 : 0);
    return r;
}

}  // namespace

MergeResult merge_results(const std::vector<std::string>& inputs, const std::string& output, bool overwrite) {
    check_inputs(inputs, output);
    if (std::filesystem::exists(output) && !overwrite)
        throw InputError(SourcePos{output, 0, 0}, "-o", "output file exists; pass --overwrite to replace it");
    // Built under a temporary name and renamed only when whole: a failed merge leaves no output
    // (and an existing one untouched) rather than a file that looks complete.
    const std::string partial = output + ".merging";
    try {
        const MergeResult r = merge_into(inputs, partial);
        std::filesystem::rename(partial, output);
        return r;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw;
    }
}

}  // namespace sim::io
