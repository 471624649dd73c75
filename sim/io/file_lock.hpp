// An advisory write lock on a results file, held by the one process that writes it (run, sweep,
// resume). HDF5's own lock is dropped once a file switches to SWMR, so without this a second
// `resume` of a file being written would write the same rows concurrently.
#pragma once

#include <string>

namespace sim::io {

class FileLock {
public:
    /// Locks `path` (which must exist) or throws InputError (exit 2) when another process holds it.
    static FileLock acquire(const std::string& path);
    FileLock(FileLock&& o) noexcept;
    FileLock& operator=(FileLock&& o) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

private:
    explicit FileLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace sim::io
