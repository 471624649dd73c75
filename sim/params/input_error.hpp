// The one error type for bad user input: it carries where (file, line, column) and which key, so
// every front end prints `file:line:col: error: ...` and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace sim {

struct SourcePos {
    std::string file;
    int line = 0;    ///< 1-based; 0 when the whole file is meant (it could not be opened)
    int column = 0;  ///< 1-based; 0 as above
};

class InputError : public std::runtime_error {
public:
    InputError(SourcePos pos, std::string key, const std::string& message)
        : std::runtime_error(format(pos, key, message)), pos_(std::move(pos)), key_(std::move(key)), message_(message) {}

    const SourcePos& pos() const { return pos_; }
    const std::string& key() const { return key_; }
    const std::string& message() const { return message_; }

private:
    static std::string format(const SourcePos& pos, const std::string& key, const std::string& message) {
        std::string out = pos.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                          ": error: ";
        if (!key.empty()) out += "key '" + key + "': ";
        return out + message;
    }

    SourcePos pos_;
    std::string key_;
    std::string message_;
};

}  // namespace sim
