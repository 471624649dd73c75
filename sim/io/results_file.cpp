// ResultsWriter and readers over the HDF5 C API (see results_file.hpp for the layout).
#include "sim/io/results_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>

#include "sim/io/hdf5_handle.hpp"
#include "sim/params/input_error.hpp"

namespace sim::io {

namespace {

constexpr hsize_t max_chunk = 8192;

Hid latest_format_fapl() {
    Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    check(H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), "libver bounds");
    return fapl;
}

Hid ordered_group_props(hid_t cls) {
    Hid p(H5Pcreate(cls), H5Pclose);
    check(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "creation order");
    return p;
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// A 1-D chunked, shuffled, gzip-compressed dataset of `rows` rows that can grow.
Hid create_column(hid_t where, const Column& c, hsize_t rows, hsize_t chunk_hint) {
    const hsize_t dims[1] = {rows}, maxdims[1] = {H5S_UNLIMITED};
    const hsize_t chunk[1] = {std::max<hsize_t>(1, std::min(chunk_hint, max_chunk))};
    Hid space(H5Screate_simple(1, dims, maxdims), H5Sclose);
    Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    check(H5Pset_chunk(dcpl, 1, chunk), "chunk");
    check(H5Pset_shuffle(dcpl), "shuffle");
    check(H5Pset_deflate(dcpl, 4), "deflate");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (c.type == ColumnType::f64) check(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "fill");
    Hid ds(H5Dcreate2(where, c.name.c_str(), native_type(c.type), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
           H5Dclose);
    write_text_attr(ds, "units", c.unit);
    write_text_attr(ds, "long_name", c.long_name.empty() ? c.name : c.long_name);
    return ds;
}

void write_categories(hid_t ds, const std::vector<std::string>& categories) {
    if (categories.empty()) return;
    std::vector<std::int64_t> codes(categories.size());
    std::string meanings;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        codes[i] = static_cast<std::int64_t>(i);
        meanings += (i ? " " : "") + categories[i];
    }
    const hsize_t n[1] = {codes.size()};
    Hid space(H5Screate_simple(1, n, nullptr), H5Sclose);
    Hid attr(H5Acreate2(ds, "flag_values", H5T_NATIVE_INT64, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(H5Awrite(attr, H5T_NATIVE_INT64, codes.data()), "flag_values");
    write_text_attr(ds, "flag_meanings", meanings);
}


/// Gathers column `c` of `rows` into a typed buffer and writes it at `first`.
void write_column(hid_t ds, ColumnType type, std::size_t c, hsize_t first,
                  const std::vector<std::vector<Cell>>& rows) {
    const hsize_t n = rows.size();
    switch (type) {
        case ColumnType::f64: {
            std::vector<double> b(n);
            for (hsize_t i = 0; i < n; ++i) b[i] = rows[i][c].f64;
            return write_slab(ds, type, first, n, b.data());
        }
        case ColumnType::i64: {
            std::vector<std::int64_t> b(n);
            for (hsize_t i = 0; i < n; ++i) b[i] = rows[i][c].i64;
            return write_slab(ds, type, first, n, b.data());
        }
        case ColumnType::u64: {
            std::vector<std::uint64_t> b(n);
            for (hsize_t i = 0; i < n; ++i) b[i] = rows[i][c].u64;
            return write_slab(ds, type, first, n, b.data());
        }
        case ColumnType::u8: {
            std::vector<std::uint8_t> b(n);
            for (hsize_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(rows[i][c].u64);
            return write_slab(ds, type, first, n, b.data());
        }
    }
}


std::string join_names(const std::vector<Column>& cols) {
    std::string s;
    for (const auto& c : cols) s += (s.empty() ? "" : ",") + c.name;
    return s;
}

}  // namespace

void write_slab(hid_t ds, ColumnType type, hsize_t first, hsize_t n, const void* data) {
    Hid file_space(H5Dget_space(ds), H5Sclose);
    const hsize_t start[1] = {first}, count[1] = {n};
    check(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
    Hid mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
    check(H5Dwrite(ds, native_type(type), mem_space, file_space, H5P_DEFAULT, data), "write rows");
}

hsize_t extent_of(hid_t ds) {
    Hid space(H5Dget_space(ds), H5Sclose);
    hsize_t dims[1] = {0};
    H5Sget_simple_extent_dims(space, dims, nullptr);
    return dims[0];
}

Hid open_for_reading(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError(SourcePos{path, 0, 0}, "", "no such results file");
    Hid fapl = latest_format_fapl();
    hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) f = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, fapl);
    if (f < 0) throw InputError(SourcePos{path, 0, 0}, "", "not a readable HDF5 results file");
    return Hid(f, H5Fclose);
}

Hid open_for_writing(const std::string& path) {
    const auto open = [&] {
        Hid fapl = latest_format_fapl();
        hbool_t clear = 1;  // a killed SWMR writer leaves status flags set (what h5clear -s clears)
        H5Pset(fapl, "clear_status_flags", &clear);
        const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl);
        if (f < 0) throw InputError(SourcePos{path, 0, 0}, "", "cannot open the results file for writing");
        return Hid(f, H5Fclose);
    };
    Hid file = open();
    // A SWMR writer killed between flushes can leave metadata it had already written past the
    // end-of-allocation its superblock records; a reader in SWMR mode tolerates that, a writer
    // does not ("addr overflow"). Moving the EOA to the end of the file (what `h5clear
    // --increment=0` does, HDF5 1.10 H5Fincrement_filesize) makes that metadata addressable again.
    haddr_t eoa = 0;
    std::error_code ec;
    const auto eof = std::filesystem::file_size(path, ec);
    if (!ec && H5Fget_eoa(file, &eoa) >= 0 && eoa < eof) {
        check(H5Fincrement_filesize(file, 0), "move the end of allocation to the end of the file");
        file.reset();
        file = open();
    }
    return file;
}

struct ResultsWriter::Impl {
    std::string path;
    Layout layout;
    Hid file;
    std::vector<Hid> columns;
    Hid events_group;
    std::vector<Hid> event_datasets;  // event, run_index, then the model's event columns
    // Status codes written by write_rows but held back until the rows' data is on disk (see flush).
    std::vector<std::pair<std::uint64_t, std::vector<std::uint8_t>>> held_status;

    std::size_t status_column() const {
        for (std::size_t c = 0; c < layout.columns.size(); ++c)
            if (layout.columns[c].column.name == "status") return c;
        throw std::logic_error("results layout has no status column");
    }

    void open_datasets() {
        columns.clear();
        for (const auto& c : layout.columns)
            columns.emplace_back(H5Dopen2(file, c.column.name.c_str(), H5P_DEFAULT), H5Dclose);
        event_datasets.clear();
        if (layout.event_columns.empty()) return;
        events_group = Hid(H5Gopen2(file, "events", H5P_DEFAULT), H5Gclose);
        for (const char* name : {"event", "run_index"})
            event_datasets.emplace_back(H5Dopen2(events_group, name, H5P_DEFAULT), H5Dclose);
        for (const auto& c : layout.event_columns)
            event_datasets.emplace_back(H5Dopen2(events_group, c.name.c_str(), H5P_DEFAULT), H5Dclose);
    }
};

ResultsWriter::ResultsWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultsWriter::ResultsWriter(ResultsWriter&&) noexcept = default;
ResultsWriter& ResultsWriter::operator=(ResultsWriter&&) noexcept = default;
ResultsWriter::~ResultsWriter() = default;
const Layout& ResultsWriter::layout() const { return impl_->layout; }

namespace {

void create_event_group(ResultsWriter& w, hid_t file, const Layout& layout);

}  // namespace

ResultsWriter ResultsWriter::create(const std::string& path, const Layout& layout, const Provenance& prov,
                                    std::uint64_t total_runs, bool overwrite) {
    if (std::filesystem::exists(path) && !overwrite)
        throw InputError(SourcePos{path, 0, 0}, "-o",
                         "output file exists; pass --overwrite to replace it or `l2sim resume` to complete it");
    try {
        return create_file(path, layout, prov, total_runs);
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {  // e.g. the disk filled while the columns were laid out
        std::error_code ignored;
        std::filesystem::remove(path, ignored);  // a half-made file holds no run: nothing to keep
        throw StorageError(fmt::format("{}: error: cannot create the results file, 0 runs written, file removed ({})",
                                       path, e.what()));
    }
}

ResultsWriter ResultsWriter::create_file(const std::string& path, const Layout& layout, const Provenance& prov,
                                         std::uint64_t total_runs) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->layout = layout;
    Hid fapl = latest_format_fapl();
    Hid fcpl = ordered_group_props(H5P_FILE_CREATE);
    errno = 0;
    const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, fapl);
    if (f < 0 && (errno == ENOSPC || errno == EDQUOT))
        throw std::runtime_error(std::string("HDF5: create: ") + std::strerror(errno));
    if (f < 0) throw InputError(SourcePos{path, 0, 0}, "-o", "cannot create the output file");
    impl->file = Hid(f, H5Fclose);

    for (const auto& spec : layout.columns) {
        Hid ds = create_column(impl->file, spec.column, total_runs, total_runs);
        write_categories(ds, spec.categories);
    }
    {   // the run coordinate is written now, so pending rows still have their index
        Hid run(H5Dopen2(impl->file, "run", H5P_DEFAULT), H5Dclose);
        std::vector<std::uint64_t> idx(total_runs);
        for (std::uint64_t i = 0; i < total_runs; ++i) idx[i] = i;
        write_slab(run, ColumnType::u64, 0, total_runs, idx.data());
        check(H5DSset_scale(run, "run"), "set scale");
        for (std::size_t c = 1; c < layout.columns.size(); ++c) {
            Hid ds(H5Dopen2(impl->file, layout.columns[c].column.name.c_str(), H5P_DEFAULT), H5Dclose);
            check(H5DSattach_scale(ds, run, 0), "attach scale");
        }
    }
    std::vector<Column> index_columns;
    for (const auto& s : layout.columns) index_columns.push_back(s.column);
    write_text_attr(impl->file, "columns", join_names(index_columns));
    write_text_attr(impl->file, "event_columns", join_names(layout.event_columns));
    for (const auto& [k, v] : prov.text) write_text_attr(impl->file, k, v);
    for (const auto& [k, v] : prov.integers) write_int_attr(impl->file, k, v);
    write_u64_attr(impl->file, "master_seed", prov.master_seed);
    write_text_attr(impl->file, "created_utc", utc_now());
    write_int_attr(impl->file, "complete", 0);
    write_int_attr(impl->file, "total_runs", static_cast<std::int64_t>(total_runs));

    ResultsWriter w(std::move(impl));
    create_event_group(w, w.impl_->file, layout);
    w.impl_->open_datasets();
    check(H5Fstart_swmr_write(w.impl_->file), "start SWMR");
    return w;
}

namespace {

void create_event_group(ResultsWriter&, hid_t file, const Layout& layout) {
    if (layout.event_columns.empty()) return;
    Hid gcpl = ordered_group_props(H5P_GROUP_CREATE);
    Hid group(H5Gcreate2(file, "events", H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose);
    Hid event = create_column(group, Column{"event", ColumnType::u64, "1", "event row index"}, 0, max_chunk);
    check(H5DSset_scale(event, "event"), "set event scale");
    std::vector<Column> cols{Column{"run_index", ColumnType::u64, "1", "run that logged the event"}};
    cols.insert(cols.end(), layout.event_columns.begin(), layout.event_columns.end());
    for (const auto& c : cols) {
        Hid ds = create_column(group, c, 0, max_chunk);
        check(H5DSattach_scale(ds, event, 0), "attach event scale");
    }
}

}  // namespace

ResultsWriter ResultsWriter::reopen(const std::string& path) {
    return reading(path, [&] { return reopen_file(path); });
}

ResultsWriter ResultsWriter::reopen_file(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError(SourcePos{path, 0, 0}, "", "no such results file");
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->file = open_for_writing(path);
    for (const auto& name : split_columns(read_text_attr(impl->file, "columns"))) {
        Hid ds(H5Dopen2(impl->file, name.c_str(), H5P_DEFAULT), H5Dclose);
        impl->layout.columns.push_back(ColumnSpec{Column{name, column_type_of(ds), "", ""}, {}});
    }
    if (impl->layout.columns.empty()) throw InputError(SourcePos{path, 0, 0}, "", "not an l2sim results file");
    for (const auto& name : split_columns(read_text_attr(impl->file, "event_columns"))) {
        Hid ds(H5Dopen2(impl->file, ("events/" + name).c_str(), H5P_DEFAULT), H5Dclose);
        impl->layout.event_columns.push_back(Column{name, column_type_of(ds), "", ""});
    }
    write_int_attr(impl->file, "complete", 0);
    ResultsWriter w(std::move(impl));
    w.impl_->open_datasets();
    check(H5Fstart_swmr_write(w.impl_->file), "start SWMR");
    return w;
}

void ResultsWriter::write_rows(std::uint64_t first, const std::vector<std::vector<Cell>>& rows) {
    silence_hdf5_errors();
    if (rows.empty()) return;
    const std::size_t status = impl_->status_column();
    for (std::size_t c = 0; c < impl_->columns.size(); ++c)
        if (c != status) write_column(impl_->columns[c], impl_->layout.columns[c].column.type, c, first, rows);
    std::vector<std::uint8_t> codes(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) codes[i] = static_cast<std::uint8_t>(rows[i][status].u64);
    impl_->held_status.emplace_back(first, std::move(codes));
}

void ResultsWriter::append_events(std::uint64_t run, const std::vector<double>& values) {
    silence_hdf5_errors();
    const std::size_t width = impl_->layout.event_columns.size();
    if (width == 0 || values.empty()) return;
    const hsize_t n = values.size() / width;
    const hsize_t old = extent_of(impl_->event_datasets[0]);
    const hsize_t grown[1] = {old + n};
    for (auto& ds : impl_->event_datasets) check(H5Dset_extent(ds, grown), "extend events");
    std::vector<std::vector<Cell>> rows(n, std::vector<Cell>(width + 2));
    for (hsize_t i = 0; i < n; ++i) {
        rows[i][0].u64 = old + i;
        rows[i][1].u64 = run;
        for (std::size_t c = 0; c < width; ++c) {
            const double x = values[i * width + c];
            switch (impl_->layout.event_columns[c].type) {
                case ColumnType::f64: rows[i][c + 2].f64 = x; break;
                case ColumnType::i64: rows[i][c + 2].i64 = static_cast<std::int64_t>(x); break;
                default: rows[i][c + 2].u64 = static_cast<std::uint64_t>(x); break;
            }
        }
    }
    write_column(impl_->event_datasets[0], ColumnType::u64, 0, old, rows);
    write_column(impl_->event_datasets[1], ColumnType::u64, 1, old, rows);
    for (std::size_t c = 0; c < width; ++c)
        write_column(impl_->event_datasets[c + 2], impl_->layout.event_columns[c].type, c + 2, old, rows);
}

// Two-phase commit: H5Fflush writes chunks dataset by dataset in no promised order, so a SIGKILL in
// the middle of one flush could leave a run's status on disk as ok while another of its columns is
// still the fill value, and resume would then keep that half-written row. The rows' data (and their
// events) are flushed first; only then are their status codes written and flushed, so on disk a
// status of ok always stands over complete data.
void ResultsWriter::flush() {
    silence_hdf5_errors();
    check(H5Fflush(impl_->file, H5F_SCOPE_LOCAL), "flush");
    if (impl_->held_status.empty()) return;
    const std::size_t status = impl_->status_column();
    for (const auto& [first, codes] : impl_->held_status)
        write_slab(impl_->columns[status], ColumnType::u8, first, codes.size(), codes.data());
    impl_->held_status.clear();
    check(H5Fflush(impl_->file, H5F_SCOPE_LOCAL), "flush status");
}

void ResultsWriter::finish(const std::map<std::string, double>& real_attrs,
                           const std::map<std::string, std::int64_t>& int_attrs) {
    flush();
    impl_->columns.clear();
    impl_->event_datasets.clear();
    impl_->events_group.reset();
    impl_->file.reset();
    Hid fapl = latest_format_fapl();
    Hid file(H5Fopen(impl_->path.c_str(), H5F_ACC_RDWR, fapl), H5Fclose);
    for (const auto& [k, v] : real_attrs) write_number_attr(file, k, v);
    for (const auto& [k, v] : int_attrs) write_int_attr(file, k, v);
}


std::vector<std::uint8_t> read_status(const std::string& path) {
    return reading(path, [&] {
        Hid file = open_for_reading(path);
        Hid ds(H5Dopen2(file, "status", H5P_DEFAULT), H5Dclose);
        std::vector<std::uint8_t> out(extent_of(ds));
        if (!out.empty())
            check(H5Dread(ds, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read status");
        return out;
    });
}

ResultsSummary read_summary(const std::string& path) {
    ResultsSummary s;
    reading(path, [&] {
        Hid file = open_for_reading(path);
        read_all_attrs(file, s.text_attrs, s.number_attrs);
        s.columns = split_columns(s.text_attrs["columns"]);
        if (s.columns.empty()) throw InputError(SourcePos{path, 0, 0}, "", "not an l2sim results file");
        if (H5Lexists(file, "events", H5P_DEFAULT) > 0) {
            Hid ev(H5Dopen2(file, "events/event", H5P_DEFAULT), H5Dclose);
            s.events = extent_of(ev);
        }
    });
    for (std::uint8_t st : read_status(path)) {
        ++s.rows;
        if (st == static_cast<std::uint8_t>(RunStatus::ok)) ++s.ok;
        else if (st == static_cast<std::uint8_t>(RunStatus::failed)) ++s.failed;
        else ++s.pending;
    }
    return s;
}

}  // namespace sim::io
