// Recursive-descent parser of the policy language. Every failure names the column where the text
// stops making sense; nesting is bounded so hostile input cannot exhaust the stack.
#include "models/bitcoin/policy/parse.hpp"

#include <cctype>
#include <charconv>

namespace models::bitcoin::policy {

namespace {

constexpr int max_depth = 256;

struct Failure {
    ParseError error;
};

class Parser {
public:
    Parser(std::string_view text, SymbolTable& symbols, ParseOptions options)
        : text_(text), symbols_(symbols), options_(options) {}

    Policy parse_all() {
        Policy p = policy(0);
        skip_space();
        if (pos_ != text_.size()) fail(pos_, "unexpected text after the policy");
        return p;
    }

private:
    [[noreturn]] void fail(std::size_t at, std::string message) const {
        throw Failure{ParseError{at + 1, std::move(message)}};
    }

    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    bool peek(char c) {
        skip_space();
        return pos_ < text_.size() && text_[pos_] == c;
    }

    void expect(char c) {
        if (!peek(c)) fail(pos_, std::string("expected '") + c + "'" + found());
        ++pos_;
    }

    std::string found() const {
        if (pos_ >= text_.size()) return " but the text ended";
        return std::string(" but found '") + text_[pos_] + "'";
    }

    static bool ident_start(char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
    }
    static bool ident_char(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    }

    std::string_view identifier(const char* what) {
        skip_space();
        const std::size_t start = pos_;
        if (pos_ >= text_.size() || !ident_start(text_[pos_]))
            fail(pos_, std::string("expected ") + what + found());
        while (pos_ < text_.size() && ident_char(text_[pos_])) ++pos_;
        return text_.substr(start, pos_ - start);
    }

    std::uint64_t number(const char* what) {
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        if (start == pos_) fail(start, std::string("expected ") + what + found());
        std::uint64_t v = 0;
        auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, v);
        if (ec != std::errc{} || end != text_.data() + pos_ || v > 0xFFFFFFFFull)
            fail(start, std::string(what) + " is too large");
        return v;
    }

    Policy policy(int depth) {
        if (depth > max_depth) fail(pos_, "policy nested too deeply");
        skip_space();
        const std::size_t at = pos_;
        const std::string_view word = identifier(
            "a policy fragment (pk, sha256, after, older, "
            "and, or, thresh)");
        expect('(');
        Policy p = fragment(word, at, depth);
        expect(')');
        return p;
    }

    Policy fragment(std::string_view word, std::size_t at, int depth) {
        if (word == "pk") return pk(key_name());
        if (word == "sha256") return sha256(preimage_name());
        if (word == "after") return after(after_value());
        if (word == "older") return older(older_value());
        if (word == "and" || word == "or") return and_or(word == "and", at, depth);
        if (word == "thresh") return threshold(at, depth);
        fail(at, "unknown fragment '" + std::string(word) +
                     "' (expected pk, sha256, after, older, and, or, thresh)");
    }

    KeyId key_name() {
        skip_space();
        const std::size_t at = pos_;
        std::string name(identifier("a key name"));
        if (peek('[')) {
            ++pos_;
            if (peek('*'))
                fail(pos_, "a key group [*] lists several keys: use it inside thresh, and, or");
            // Appended piecewise: GCC 12 warns falsely on "[" + s + "]" (-Wrestrict, bug 105329).
            const std::string index = std::to_string(number("a key index"));
            name.push_back('[');
            name.append(index);
            name.push_back(']');
            expect(']');
        }
        if (auto id = symbols_.find_key(name)) return *id;
        if (!options_.declare_new_names) fail(at, "unknown key '" + name + "'");
        return symbols_.key(name);
    }

    PreimageId preimage_name() {
        skip_space();
        const std::size_t at = pos_;
        const std::string_view name = identifier("a preimage name");
        if (auto id = symbols_.find_preimage(name)) return *id;
        if (!options_.declare_new_names) fail(at, "unknown preimage '" + std::string(name) + "'");
        return symbols_.preimage(name);
    }

    std::uint32_t after_value() {
        skip_space();
        const std::size_t at = pos_;
        const auto v = number("a lock time");
        if (v < 1 || v > max_after) fail(at, "after() needs 1 <= n < 2^31 (BIP65, BIP379)");
        return static_cast<std::uint32_t>(v);
    }

    std::uint32_t older_value() {
        skip_space();
        const std::size_t at = pos_;
        const auto v = number("a number of blocks");
        if (v < 1 || v > max_older_blocks)
            fail(at, "older() counts blocks: 1 <= n <= 65535 (BIP68 16-bit relative lock)");
        return static_cast<std::uint32_t>(v);
    }

    /// One argument of and/or/thresh: a policy, or a key group name[*] that expands to pk() of
    /// every key of the group.
    void argument(std::vector<Policy>& out, int depth) {
        skip_space();
        const std::size_t at = pos_;
        const std::size_t save = pos_;
        const std::string_view name = identifier("a policy fragment or a key group");
        if (peek('[')) {
            ++pos_;
            if (!peek('*')) fail(pos_, "expected '*' in a key group name[*]" + found());
            ++pos_;
            expect(']');
            const auto* members = symbols_.group(name);
            if (members == nullptr) fail(at, "unknown key group '" + std::string(name) + "'");
            for (KeyId k : *members) out.push_back(pk(k));
            return;
        }
        pos_ = save;
        out.push_back(policy(depth + 1));
    }

    std::vector<Policy> arguments(int depth) {
        std::vector<Policy> subs;
        argument(subs, depth);
        while (peek(',')) {
            ++pos_;
            argument(subs, depth);
        }
        if (!peek(')')) fail(pos_, "expected ',' or ')'" + found());
        return subs;
    }

    Policy and_or(bool is_and, std::size_t at, int depth) {
        std::vector<Policy> subs = arguments(depth);
        if (subs.size() < 2)
            fail(at, std::string(is_and ? "and" : "or") + "() needs at least two sub-policies");
        return is_and ? all_of(std::move(subs)) : any_of(std::move(subs));
    }

    Policy threshold(std::size_t at, int depth) {
        skip_space();
        const std::size_t k_at = pos_;
        const auto k = number("the threshold k");
        expect(',');
        std::vector<Policy> subs = arguments(depth);
        if (k < 1 || k > subs.size())
            fail(k_at, "thresh(k, ...) needs 1 <= k <= " + std::to_string(subs.size()) +
                           " (the number of sub-policies)");
        (void)at;
        return thresh(static_cast<std::uint32_t>(k), std::move(subs));
    }

    std::string_view text_;
    SymbolTable& symbols_;
    ParseOptions options_;
    std::size_t pos_ = 0;
};

}  // namespace

ParseResult parse(std::string_view text, SymbolTable& symbols, ParseOptions options) {
    try {
        return ParseResult{Parser(text, symbols, options).parse_all(), {}};
    } catch (const Failure& f) {
        return ParseResult{std::nullopt, f.error};
    }
}

Policy parse_at(std::string_view text, SymbolTable& symbols, const sim::SourcePos& text_start,
                const std::string& key, ParseOptions options) {
    ParseResult r = parse(text, symbols, options);
    if (r.ok()) return std::move(*r.policy);
    sim::SourcePos at = text_start;
    at.column += static_cast<int>(r.error.column) - 1;
    throw sim::InputError(at, key, "policy: " + r.error.message);
}

}  // namespace models::bitcoin::policy
