// RAII for HDF5 identifiers and the few helpers every sim::io file needs. Private to sim/io.
#pragma once

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/model.hpp"
#include "sim/params/input_error.hpp"

namespace sim::io {

class Hid {
public:
    Hid() = default;
    Hid(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) {
        if (id_ < 0) throw std::runtime_error("HDF5 call failed");
    }
    Hid(Hid&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
    Hid& operator=(Hid&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, -1);
            closer_ = o.closer_;
        }
        return *this;
    }
    Hid(const Hid&) = delete;
    Hid& operator=(const Hid&) = delete;
    ~Hid() { reset(); }

    void reset() {
        if (id_ >= 0 && closer_) closer_(id_);
        id_ = -1;
    }
    hid_t get() const { return id_; }
    operator hid_t() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    hid_t id_ = -1;
    herr_t (*closer_)(hid_t) = nullptr;
};

/// The innermost message of HDF5's current error stack (where a failed write(2) records its
/// errno text, e.g. "No space left on device"), or "" when the stack is empty.
std::string hdf5_error_text();
/// Turns off HDF5's printing of its error stack for the calling thread (the stack is per thread,
/// so the writer thread needs it as well as main): l2sim reports the error itself.
void silence_hdf5_errors();

inline void check(herr_t status, const char* what) {
    if (status < 0) {
        const std::string detail = hdf5_error_text();
        throw std::runtime_error(std::string("HDF5: ") + what + (detail.empty() ? "" : ": " + detail));
    }
}

/// Runs `read` on the file `path`; any HDF5 failure inside becomes an InputError naming the file
/// (exit 2): a corrupted or truncated input is bad input, not a crash.
template <class F>
auto reading(const std::string& path, F&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(SourcePos{path, 0, 0}, "", std::string("corrupted or truncated results file (") + e.what() + ")");
    }
}

hid_t native_type(ColumnType type);
ColumnType column_type_of(hid_t dataset);
void write_text_attr(hid_t object, const std::string& name, const std::string& value);
void write_number_attr(hid_t object, const std::string& name, double value);
void write_int_attr(hid_t object, const std::string& name, std::int64_t value);
void write_u64_attr(hid_t object, const std::string& name, std::uint64_t value);
std::string read_text_attr(hid_t object, const std::string& name);
/// The comma-separated column list stored in the `columns` / `event_columns` attributes.
std::vector<std::string> split_columns(const std::string& joined);
/// Opens a results file read-only, falling back to SWMR read for a file a killed writer left.
Hid open_for_reading(const std::string& path);
/// Writes rows [first, first + n) of a 1-D dataset from `data` (of the column's native type).
void write_slab(hid_t ds, ColumnType type, hsize_t first, hsize_t n, const void* data);
/// The number of rows of a 1-D dataset.
hsize_t extent_of(hid_t ds);
/// Opens a results file for writing; one a killed SWMR writer left is first made consistent
/// (status flags cleared, end of allocation moved to the end of the file: `h5clear -s --increment=0`).
Hid open_for_writing(const std::string& path);
/// Every attribute of an object: strings in `text`, numbers in `numbers`.
void read_all_attrs(hid_t object, std::map<std::string, std::string>& text, std::map<std::string, double>& numbers);

}  // namespace sim::io
