// See torn_chunks.hpp.
#include "sim/io/torn_chunks.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "sim/io/hdf5_handle.hpp"
#include "sim/io/results_file.hpp"

namespace sim::io {

namespace {

struct Range {
    hsize_t first = 0, end = 0;  ///< rows [first, end)
};

/// True if rows [first, first + n) of `ds` decode (HDF5 reads the whole chunk behind them).
bool readable(hid_t ds, hid_t type, hsize_t first, hsize_t n, std::vector<unsigned char>& buffer) {
    buffer.resize(n * H5Tget_size(type));
    Hid file_space(H5Dget_space(ds), H5Sclose);
    const hsize_t start[1] = {first}, count[1] = {n};
    if (H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr) < 0) return false;
    Hid mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
    return H5Dread(ds, type, mem_space, file_space, H5P_DEFAULT, buffer.data()) >= 0;
}

/// Replaces the chunk at `first` with `fill` (one byte repeated) written raw, its filters marked
/// as not applied (H5Dwrite_chunk, HDF5 1.10.2): writing through H5Dwrite would first have to
/// decode the torn chunk.
void overwrite_chunk(hid_t ds, hid_t type, hsize_t first, hsize_t chunk_rows, unsigned char fill) {
    Hid dcpl(H5Dget_create_plist(ds), H5Pclose);
    const int filters = H5Pget_nfilters(dcpl);
    const std::uint32_t skip_all = filters >= 32 ? ~0u : (1u << filters) - 1u;
    std::vector<unsigned char> raw(chunk_rows * H5Tget_size(type), fill);
    const hsize_t offset[1] = {first};
    check(H5Dwrite_chunk(ds, H5P_DEFAULT, skip_all, offset, raw.size(), raw.data()), "rewrite a torn chunk");
}

/// Chunks of `ds` that do not decode, each rewritten with `fill`; their row ranges.
std::vector<Range> repair_dataset(hid_t ds, unsigned char fill) {
    const hid_t type = native_type(column_type_of(ds));
    Hid dcpl(H5Dget_create_plist(ds), H5Pclose);
    hsize_t chunk[1] = {0};
    if (H5Pget_layout(dcpl) != H5D_CHUNKED || H5Pget_chunk(dcpl, 1, chunk) != 1 || chunk[0] == 0) return {};
    const hsize_t n = extent_of(ds);
    std::vector<Range> torn;
    std::vector<unsigned char> buffer;
    for (hsize_t first = 0; first < n; first += chunk[0]) {
        const hsize_t count = std::min(chunk[0], n - first);
        if (readable(ds, type, first, count, buffer)) continue;
        overwrite_chunk(ds, type, first, chunk[0], fill);
        torn.push_back({first, first + count});
    }
    return torn;
}

void mark_pending(hid_t status, const Range& r) {
    const std::vector<std::uint8_t> pending(r.end - r.first, static_cast<std::uint8_t>(RunStatus::pending));
    write_slab(status, ColumnType::u8, r.first, pending.size(), pending.data());
}

std::vector<std::uint64_t> read_u64(hid_t ds, const Range& r) {
    std::vector<unsigned char> buffer;
    if (!readable(ds, H5T_NATIVE_UINT64, r.first, r.end - r.first, buffer)) return {};
    std::vector<std::uint64_t> out(r.end - r.first);
    std::copy(buffer.begin(), buffer.end(), reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

/// Event rows in torn chunks: their runs run again, and the rows are given a run index no run
/// has, so compacting the events drops them. A torn run-index chunk hides which runs lost rows:
/// then every run runs again.
void repair_events(hid_t file, hid_t status, std::uint64_t runs, TornRepair& out) {
    auto names = split_columns(read_text_attr(file, "event_columns"));
    if (names.empty()) return;
    names.insert(names.begin(), {"event", "run_index"});
    Hid run_index(H5Dopen2(file, "events/run_index", H5P_DEFAULT), H5Dclose);
    const std::vector<Range> index_torn = repair_dataset(run_index, 0xFF);  // 0xFF...: no run
    out.chunks += index_torn.size();
    if (!index_torn.empty()) {
        mark_pending(status, {0, runs});
        out.all_runs = true;
        return;
    }
    std::set<std::uint64_t> lost;
    for (const auto& name : names) {
        if (name == "run_index") continue;
        Hid ds(H5Dopen2(file, ("events/" + name).c_str(), H5P_DEFAULT), H5Dclose);
        for (const Range& r : repair_dataset(ds, 0)) {
            ++out.chunks;
            const std::vector<std::uint64_t> idx = read_u64(run_index, r);
            lost.insert(idx.begin(), idx.end());
            const std::vector<std::uint64_t> none(idx.size(), std::numeric_limits<std::uint64_t>::max());
            write_slab(run_index, ColumnType::u64, r.first, none.size(), none.data());
        }
    }
    for (std::uint64_t run : lost)
        if (run < runs) mark_pending(status, {run, run + 1});
    out.runs_marked += lost.size();
}

}  // namespace

TornRepair repair_torn_chunks(const std::string& path) {
    silence_hdf5_errors();
    return reading(path, [&] {
        TornRepair out;
        Hid file = open_for_writing(path);
        Hid status(H5Dopen2(file, "status", H5P_DEFAULT), H5Dclose);
        const std::uint64_t runs = extent_of(status);
        std::vector<Range> torn = repair_dataset(status, static_cast<unsigned char>(RunStatus::pending));
        for (const auto& name : split_columns(read_text_attr(file, "columns"))) {
            if (name == "status") continue;
            Hid ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
            const auto t = repair_dataset(ds, 0);
            torn.insert(torn.end(), t.begin(), t.end());
        }
        out.chunks = torn.size();
        for (const Range& r : torn) {
            mark_pending(status, r);
            out.runs_marked += r.end - r.first;
        }
        repair_events(file, status, runs, out);
        if (out.chunks > 0) check(H5Fflush(file, H5F_SCOPE_LOCAL), "flush the repair");
        return out;
    });
}

}  // namespace sim::io
