// See file_lock.hpp. An open-file-description lock (F_OFD_SETLK, Linux >= 3.15): unlike a classic
// fcntl lock it is not released when HDF5 closes its own descriptor of the same file, and unlike
// flock it does not collide with the flock HDF5 takes on that descriptor.
#include "sim/io/file_lock.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "sim/params/input_error.hpp"

namespace sim::io {

FileLock FileLock::acquire(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) throw InputError(SourcePos{path, 0, 0}, "", std::string("cannot open to lock: ") + std::strerror(errno));
    struct flock whole {};
    whole.l_type = F_WRLCK;
    whole.l_whence = SEEK_SET;  // start 0, length 0: the whole file
    if (::fcntl(fd, F_OFD_SETLK, &whole) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EAGAIN || err == EACCES)
            throw InputError(SourcePos{path, 0, 0}, "",
                             "another l2sim process is writing this file (it holds the lock); wait for it to end "
                             "or stop it, then `l2sim resume` it");
        throw InputError(SourcePos{path, 0, 0}, "", std::string("cannot lock the file: ") + std::strerror(err));
    }
    return FileLock(fd);
}

FileLock::FileLock(FileLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the description releases its lock
}

}  // namespace sim::io
