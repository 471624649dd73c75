// See parts_reader.hpp.
#include "models/layer2/design/parts_reader.hpp"

#include <filesystem>
#include <set>

#include "models/layer2/design/design_reader.hpp"

namespace models::layer2::design {

namespace {

namespace fs = std::filesystem;

sim::SourcePos pos_of(const std::string& file, const toml::node& n) {
    const auto& b = n.source().begin;
    return sim::SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)};
}

std::string joined(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
}

/// The files being read on this thread, outermost first: a part file already on it is a cycle.
thread_local std::vector<std::string> open_files;

struct OpenFile {
    bool pushed = false;
    explicit OpenFile(const std::string& file) {
        std::error_code ec;
        if (fs::is_regular_file(file, ec)) {
            open_files.push_back(fs::weakly_canonical(file).string());
            pushed = true;
        }
    }
    ~OpenFile() {
        if (pushed) open_files.pop_back();
    }
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
};

/// `name` as written, if it exists relative to the working directory (as design.file is read),
/// else relative to the directory of the file that names it or the nearest of its parents where
/// it exists (so "designs/rollup_parts/x.toml" is found from the repository's root whatever the
/// working directory).
std::string resolve(const std::string& name, const std::string& naming_file) {
    std::error_code ec;
    if (fs::is_regular_file(name, ec) || fs::path(name).is_absolute()) return name;
    for (fs::path dir = fs::absolute(naming_file, ec).parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (fs::is_regular_file(dir / name, ec)) return (dir / name).string();
        if (dir == dir.parent_path()) break;
    }
    return name;
}

std::shared_ptr<const Design> read_part_file(const toml::node& n, const std::string& file, const std::string& key) {
    const auto* s = n.as_string();
    if (s == nullptr) throw sim::InputError(pos_of(file, n), key, "expected a string naming a design file");
    const std::string path = resolve(s->get(), file);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw sim::InputError(pos_of(file, n), key, "cannot open part file '" + s->get() + "'");
    const std::string canonical = fs::weakly_canonical(path).string();
    for (std::size_t i = 0; i < open_files.size(); ++i)
        if (open_files[i] == canonical) {
            std::string chain;
            for (std::size_t j = i; j < open_files.size(); ++j) chain += fs::path(open_files[j]).filename().string() + " -> ";
            throw sim::InputError(pos_of(file, n), key,
                                  "part file '" + s->get() + "' includes itself (cycle: " + chain +
                                      fs::path(canonical).filename().string() + ")");
        }
    // Errors inside the part file name that file, its line and column.
    return std::make_shared<const Design>(read_design(path));
}

void collect(const Design& d, const std::string& prefix, std::vector<PartLeaf>& out) {
    if (d.parts.empty()) {
        out.push_back(PartLeaf{prefix, &d});
        return;
    }
    for (const Part& p : d.parts) collect(*p.design, prefix + p.name + "__", out);
}

}  // namespace

Design read_composed(const toml::table& doc, const std::string& file, const std::string& key_prefix) {
    const OpenFile guard(file);
    for (const auto& [k, v] : doc) {
        const std::string name(k.str());
        if (name != "design" && name != "parts" && name != "sources")
            throw sim::InputError(pos_of(file, v), joined(key_prefix, name),
                                  "a composed design holds only [design], [parts] and [sources]: put [" + name +
                                      "] in one of its parts");
    }
    Design d;
    d.file = file;
    const toml::node* head = doc.get("design");
    if (head == nullptr || !head->is_table())
        throw sim::InputError(pos_of(file, head ? *head : static_cast<const toml::node&>(doc)), joined(key_prefix, "design"),
                              "expected a [design] table with name = \"...\"");
    for (const auto& [k, v] : *head->as_table()) {
        const std::string name(k.str());
        if (name != "name" && name != "summary" && name != "family")
            throw sim::InputError(pos_of(file, v), joined(key_prefix, "design." + name),
                                  "unknown key (allowed here: family, name, summary)");
    }
    const auto* name = head->as_table()->get_as<std::string>("name");
    if (name == nullptr) throw sim::InputError(pos_of(file, *head), joined(key_prefix, "design.name"), "missing key 'name' (a string)");
    d.name = name->get();

    const auto* parts = doc.get_as<toml::table>("parts");
    if (parts == nullptr) throw sim::InputError(pos_of(file, *doc.get("parts")), joined(key_prefix, "parts"), "expected a table");
    if (parts->empty()) throw sim::InputError(pos_of(file, *parts), joined(key_prefix, "parts"), "declare at least one part");
    for (const auto& [k, v] : *parts) {
        const std::string part(k.str());
        const std::string key = joined(key_prefix, "parts." + part);
        if (part.find("__") != std::string::npos || part.empty())
            throw sim::InputError(pos_of(file, v), key,
                                  "a part's name must be non-empty and hold no \"__\" (it separates a part from its plan in column names)");
        if (!v.is_table()) throw sim::InputError(pos_of(file, v), key, "expected a table: file = \"...\" or an inline design");
        const auto& t = *v.as_table();
        Part p;
        p.name = part;
        p.pos = pos_of(file, v);
        if (const toml::node* f = t.get("file")) {
            for (const auto& [kk, vv] : t)
                if (kk.str() != "file")
                    throw sim::InputError(pos_of(file, vv), key + "." + std::string(kk.str()),
                                          "a part is either file = \"...\" or an inline design, not both");
            p.design = read_part_file(*f, file, key + ".file");
        } else if (t.contains("design") || t.contains("keys") || t.contains("outputs") || t.contains("parts")) {
            p.design = std::make_shared<const Design>(read_design_table(t, file, key));
        } else {
            throw sim::InputError(pos_of(file, v), key,
                                  "a part needs file = \"designs/...toml\" or the tables of a design ([" + key +
                                      ".design], [" + key + ".keys], [" + key + ".outputs.*], ...)");
        }
        d.parts.push_back(std::move(p));
    }
    if (const auto* s = doc.get_as<toml::table>("sources"))
        for (const auto& [k, v] : *s) {
            auto str = v.as_string();
            if (!str)
                throw sim::InputError(pos_of(file, v), joined(key_prefix, "sources." + std::string(k.str())),
                                      "expected a string naming the source and date");
            d.sources.emplace(std::string(k.str()), str->get());
        }
    return d;
}

std::vector<PartLeaf> part_leaves(const Design& d) {
    std::vector<PartLeaf> out;
    collect(d, "", out);
    return out;
}

}  // namespace models::layer2::design
