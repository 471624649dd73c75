// Edge-list files: `from to [latency_s [bandwidth_bps]]` per line, `#` comments. Malformed lines
// are reported with file, line and the column of the offending token.
#include <cctype>
#include <charconv>
#include <fstream>
#include <string>

#include "sim/params/input_error.hpp"
#include "sim/topology/topology.hpp"

namespace sim {

namespace {

struct Token {
    std::string text;
    int column;
};

std::vector<Token> tokens_of(const std::string& line) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '#') {
        if (std::isspace(static_cast<unsigned char>(line[i]))) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])) && line[i] != '#') ++i;
        out.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return out;
}

double number(const Token& t, const std::string& file, int line, const char* what) {
    try {
        std::size_t used = 0;
        const double x = std::stod(t.text, &used);
        if (used == t.text.size() && x >= 0) return x;
    } catch (const std::exception&) {
    }
    throw InputError(SourcePos{file, line, t.column}, "", std::string("expected a non-negative ") + what);
}

}  // namespace

std::vector<EdgeFileLink> read_edge_list(const std::filesystem::path& file, double default_latency_s,
                                         double default_bandwidth_bps) {
    std::ifstream in(file);
    if (!in) throw InputError(SourcePos{file.string(), 0, 0}, "", "cannot open edge-list file");
    std::vector<EdgeFileLink> links;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        const auto tok = tokens_of(text);
        if (tok.empty()) continue;
        if (tok.size() < 2 || tok.size() > 4)
            throw InputError(SourcePos{file.string(), line, 1}, "", "expected: from to [latency_s [bandwidth_bps]]");
        const auto f = file.string();
        EdgeFileLink l{static_cast<NodeId>(number(tok[0], f, line, "node id")),
                       static_cast<NodeId>(number(tok[1], f, line, "node id")), default_latency_s,
                       default_bandwidth_bps};
        if (tok.size() > 2) l.latency_s = number(tok[2], f, line, "latency in seconds");
        if (tok.size() > 3) l.bandwidth_bps = number(tok[3], f, line, "bandwidth in bit/s");
        links.push_back(l);
    }
    return links;
}

}  // namespace sim
