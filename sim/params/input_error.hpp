// The one error type for bad user input: it carries where (file, line, column) and which key, so
// every front end prints `file:line:col: error: ...` and exits with code 2. An error about the
// whole file (it cannot be opened, is not a results file, a required key is missing) has no line
// and prints `file: error: ...`: a line and column are given only when they point at real text.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sim {

struct SourcePos {
    std::string file;
    int line = 0;    ///< 1-based; 0 when the whole file is meant
    int column = 0;  ///< 1-based; 0 when the whole file (or line) is meant
};

/// User text echoed in a message, cut to `max` bytes with the full size noted: a 1 MB key must
/// not come back as a 1 MB error line.
inline std::string abbreviate(std::string_view text, std::size_t max = 80) {
    if (text.size() <= max) return std::string(text);
    std::string out(text.substr(0, max));
    out.append("... (").append(std::to_string(text.size())).append(" bytes)");
    return out;
}

class InputError : public std::runtime_error {
public:
    InputError(SourcePos pos, std::string key, const std::string& message)
        : std::runtime_error(format(pos, key, message)), pos_(std::move(pos)), key_(std::move(key)), message_(message) {}

    const SourcePos& pos() const { return pos_; }
    const std::string& key() const { return key_; }
    const std::string& message() const { return message_; }

private:
    static std::string format(const SourcePos& pos, const std::string& key, const std::string& message) {
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on chained `+`.
        std::string out = pos.file;
        if (pos.line > 0) {
            out.append(":").append(std::to_string(pos.line));
            out.append(":").append(std::to_string(pos.column));
        }
        out.append(": error: ");
        if (!key.empty()) out.append("key '").append(abbreviate(key)).append("': ");
        out.append(message);
        return out;
    }

    SourcePos pos_;
    std::string key_;
    std::string message_;
};

}  // namespace sim
