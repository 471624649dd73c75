// Recursive-descent parser and tree evaluator for sweep constraints (see expression.hpp).
#include "sim/scenario/expression.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "sim/scenario/scenario.hpp"

namespace sim {

struct Expression::Node {
    enum class Op { number, text, key, neg, not_, add, sub, mul, div, lt, le, gt, ge, eq, ne, and_, or_ };
    Op op;
    double number = 0.0;
    std::string text;  // string literal or key
    std::shared_ptr<const Node> a, b;
    int depth = 1;  ///< height of the tree below, bounded so evaluation cannot exhaust the stack
};

namespace {

using Node = Expression::Node;
using Op = Node::Op;
using NodePtr = std::shared_ptr<const Node>;

/// Deepest nesting a constraint may have (parentheses, `not`, unary minus, chained operators).
/// Parsing, evaluation and destruction all recurse over the tree, so its height is bounded; real
/// constraints nest a few levels.
constexpr int max_depth = 200;

class Parser {
public:
    Parser(const std::string& text, const SourcePos& pos) : s_(text), pos_(pos) {}

    NodePtr parse() {
        NodePtr n = parse_or();
        skip();
        if (i_ < s_.size()) fail("unexpected text");
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        SourcePos p = pos_;
        p.column += static_cast<int>(i_) + 1;  // +1 for the opening quote of the TOML string
        throw InputError(p, "sweep.constraint", fmt::format("{} at offset {} in \"{}\"", what, i_, abbreviate(s_)));
    }
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool eat(const std::string& tok) {
        skip();
        if (s_.compare(i_, tok.size(), tok) != 0) return false;
        const bool word = std::isalpha(static_cast<unsigned char>(tok[0]));
        const std::size_t end = i_ + tok.size();
        if (word && end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
            return false;
        i_ = end;
        return true;
    }
    /// Counts the parser's own recursion (nested `(`, `not`, `-`), released on return.
    struct Nesting {
        explicit Nesting(Parser& p) : p_(p) {
            if (++p_.nesting_ > max_depth) p_.fail(fmt::format("nested deeper than {} levels", max_depth));
        }
        ~Nesting() { --p_.nesting_; }
        Parser& p_;
    };
    NodePtr make(Op op, NodePtr a, NodePtr b = nullptr) const {
        const int depth = 1 + std::max(a ? a->depth : 0, b ? b->depth : 0);
        if (depth > max_depth) fail(fmt::format("nested deeper than {} levels", max_depth));
        return std::make_shared<Node>(Node{op, 0.0, {}, std::move(a), std::move(b), depth});
    }
    NodePtr parse_or() {
        NodePtr n = parse_and();
        while (eat("or") || eat("||")) n = make(Op::or_, n, parse_and());
        return n;
    }
    NodePtr parse_and() {
        NodePtr n = parse_not();
        while (eat("and") || eat("&&")) n = make(Op::and_, n, parse_not());
        return n;
    }
    NodePtr parse_not() {
        if (eat("not")) {
            const Nesting nesting(*this);
            return make(Op::not_, parse_not());
        }
        skip();
        if (i_ < s_.size() && s_[i_] == '!' && (i_ + 1 >= s_.size() || s_[i_ + 1] != '=')) {
            ++i_;
            const Nesting nesting(*this);
            return make(Op::not_, parse_not());
        }
        return parse_cmp();
    }
    NodePtr parse_cmp() {
        NodePtr n = parse_sum();
        static const std::pair<const char*, Op> ops[] = {{"<=", Op::le}, {">=", Op::ge}, {"==", Op::eq},
                                                         {"!=", Op::ne}, {"<", Op::lt},  {">", Op::gt}};
        for (const auto& [tok, op] : ops)
            if (eat(tok)) return make(op, n, parse_sum());
        return n;
    }
    NodePtr parse_sum() {
        NodePtr n = parse_product();
        for (;;) {
            if (eat("+")) n = make(Op::add, n, parse_product());
            else if (eat("-")) n = make(Op::sub, n, parse_product());
            else return n;
        }
    }
    NodePtr parse_product() {
        NodePtr n = parse_unary();
        for (;;) {
            if (eat("*")) n = make(Op::mul, n, parse_unary());
            else if (eat("/")) n = make(Op::div, n, parse_unary());
            else return n;
        }
    }
    NodePtr parse_unary() {
        if (eat("-")) {
            const Nesting nesting(*this);
            return make(Op::neg, parse_unary());
        }
        return parse_primary();
    }
    NodePtr parse_primary() {
        skip();
        if (i_ >= s_.size()) fail("expected a value");
        const char c = s_[i_];
        if (eat("(")) {
            const Nesting nesting(*this);
            NodePtr n = parse_or();
            if (!eat(")")) fail("expected ')'");
            return n;
        }
        if (c == '"' || c == '\'') return parse_string(c);
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return parse_number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return parse_key();
        fail("expected a number, string, key or '('");
    }
    NodePtr parse_string(char quote) {
        const std::size_t end = s_.find(quote, i_ + 1);
        if (end == std::string::npos) fail("unterminated string");
        auto n = std::make_shared<Node>(Node{Op::text, 0.0, s_.substr(i_ + 1, end - i_ - 1), {}, {}, 1});
        i_ = end + 1;
        return n;
    }
    NodePtr parse_number() {
        const char* begin = s_.c_str() + i_;
        char* end = nullptr;
        errno = 0;
        const double x = std::strtod(begin, &end);
        if (end == begin) fail("expected a number");
        if (errno == ERANGE && std::isinf(x)) fail("number out of the range of a double");
        i_ += static_cast<std::size_t>(end - begin);
        return std::make_shared<Node>(Node{Op::number, x, {}, {}, {}, 1});
    }
    NodePtr parse_key() {
        const std::size_t start = i_;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '.'))
            ++i_;
        std::string word = s_.substr(start, i_ - start);
        if (word == "true" || word == "false")
            return std::make_shared<Node>(Node{Op::number, word == "true" ? 1.0 : 0.0, {}, {}, {}, 1});
        return std::make_shared<Node>(Node{Op::key, 0.0, std::move(word), {}, {}, 1});
    }

    const std::string& s_;
    SourcePos pos_;
    std::size_t i_ = 0;
    int nesting_ = 0;
};

struct Result {
    bool is_text = false;
    double number = 0.0;
    std::string text;
};

Result evaluate(const Node& n, const Expression::Lookup& lookup, const SourcePos& pos) {
    const auto fail = [&](const std::string& what) -> Result { throw InputError(pos, "sweep.constraint", what); };
    const auto num = [&](const NodePtr& x) {
        Result r = evaluate(*x, lookup, pos);
        if (r.is_text) fail("a string is used as a number");
        return r.number;
    };
    const auto truth = [](bool b) { return Result{false, b ? 1.0 : 0.0, {}}; };
    switch (n.op) {
        case Op::number: return Result{false, n.number, {}};
        case Op::text: return Result{true, 0.0, n.text};
        case Op::key: {
            auto v = lookup(n.text);
            if (!v) return fail("unknown key '" + abbreviate(n.text) + "'");
            if (auto s = std::get_if<std::string>(&*v)) return Result{true, 0.0, *s};
            if (auto x = as_number(*v)) return Result{false, *x, {}};
            return fail("key '" + n.text + "' is a list");
        }
        case Op::neg: return Result{false, -num(n.a), {}};
        case Op::not_: return truth(num(n.a) == 0.0);
        case Op::add: return Result{false, num(n.a) + num(n.b), {}};
        case Op::sub: return Result{false, num(n.a) - num(n.b), {}};
        case Op::mul: return Result{false, num(n.a) * num(n.b), {}};
        case Op::div: return Result{false, num(n.a) / num(n.b), {}};
        case Op::and_: return truth(num(n.a) != 0.0 && num(n.b) != 0.0);
        case Op::or_: return truth(num(n.a) != 0.0 || num(n.b) != 0.0);
        default: break;
    }
    const Result a = evaluate(*n.a, lookup, pos), b = evaluate(*n.b, lookup, pos);
    if (a.is_text != b.is_text) return fail("comparison of a string with a number");
    const int c = a.is_text ? a.text.compare(b.text) : (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
    switch (n.op) {
        case Op::lt: return truth(c < 0);
        case Op::le: return truth(c <= 0);
        case Op::gt: return truth(c > 0);
        case Op::ge: return truth(c >= 0);
        case Op::eq: return truth(c == 0);
        default: return truth(c != 0);
    }
}

void collect(const Node& n, std::vector<std::string>& out) {
    if (n.op == Op::key) out.push_back(n.text);
    if (n.a) collect(*n.a, out);
    if (n.b) collect(*n.b, out);
}

}  // namespace

Expression Expression::parse(const std::string& text, const SourcePos& pos) {
    Expression e;
    e.root_ = Parser(text, pos).parse();
    e.pos_ = pos;
    return e;
}

bool Expression::holds(const Lookup& lookup) const {
    const Result r = evaluate(*root_, lookup, pos_);
    return r.is_text ? !r.text.empty() : r.number != 0.0;
}

std::vector<std::string> Expression::identifiers() const {
    std::vector<std::string> out;
    collect(*root_, out);
    return out;
}

void check_expression(const std::string& text, const SourcePos& pos, const Scenario& scenario) {
    const Expression e = Expression::parse(text, pos);
    for (const auto& key : e.identifiers())
        if (!scenario.find(key)) {
            const std::string guess = closest_key(key, scenario.all_keys());
            throw InputError(pos, "sweep.constraint",
                             guess.empty() ? "unknown key '" + abbreviate(key) + "'"
                                           : fmt::format("unknown key '{}'; did you mean '{}'?", abbreviate(key), guess));
        }
}

}  // namespace sim
