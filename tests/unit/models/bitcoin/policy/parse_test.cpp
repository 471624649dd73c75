// The policy language: parse -> print -> parse is the identity (fixed cases and random policies),
// and/or are thresholds, key groups expand and fold back, errors name the column.
#include "models/bitcoin/policy/parse.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/policy/print.hpp"
#include "tests/unit/models/bitcoin/policy/random_policy.hpp"

using namespace models::bitcoin::policy;

namespace {
Policy must_parse(std::string_view text, SymbolTable& s) {
    ParseResult r = parse(text, s);
    INFO(text << " -> column " << r.error.column << ": " << r.error.message);
    REQUIRE(r.ok());
    return *r.policy;
}

ParseError must_fail(std::string_view text, SymbolTable& s, ParseOptions o = {}) {
    ParseResult r = parse(text, s, o);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    return r.error;
}
}  // namespace

TEST_CASE("policy parse: each fragment reads into its AST node", "[unit]") {
    SymbolTable s;
    CHECK(must_parse("pk(alice)", s) == pk(s.key("alice")));
    CHECK(must_parse("sha256(payment)", s) == sha256(s.preimage("payment")));
    CHECK(must_parse("after(800000)", s) == after(800000));
    CHECK(must_parse("after(1700000000)", s) == after(1700000000));
    CHECK(must_parse("older(144)", s) == older(144));
    const Policy a = pk(s.key("a")), b = pk(s.key("b")), c = pk(s.key("c"));
    CHECK(must_parse("and(pk(a), pk(b))", s) == thresh(2, {a, b}));
    CHECK(must_parse("or(pk(a),pk(b),pk(c))", s) == thresh(1, {a, b, c}));
    CHECK(must_parse(" thresh( 2 , pk(a) , pk(b) , pk(c) ) ", s) == thresh(2, {a, b, c}));
}

TEST_CASE("policy parse: and/or are thresholds, so the printer writes the same AST back",
          "[unit]") {
    SymbolTable s;
    CHECK(print(must_parse("thresh(2,pk(a),pk(b))", s), s) == "and(pk(a),pk(b))");
    CHECK(print(must_parse("thresh(1,pk(a),pk(b))", s), s) == "or(pk(a),pk(b))");
    CHECK(print(must_parse("thresh(1,pk(a))", s), s) == "thresh(1,pk(a))");
    CHECK(print(must_parse("thresh(2,pk(a),pk(b),older(10))", s), s) ==
          "thresh(2,pk(a),pk(b),older(10))");
}

TEST_CASE("policy parse: a key group expands with name[*] and prints back folded", "[unit]") {
    SymbolTable s;
    const auto& fed = s.declare_group("functionary", 15);
    s.declare_group("emergency", 3);
    const std::string text =
        "or(thresh(11,functionary[*]),and(older(4032),thresh(2,emergency[*])))";
    const Policy p = must_parse(text, s);
    const auto& outer = std::get<Thresh>(p.node);
    const auto& normal = std::get<Thresh>(outer.subs[0].node);
    REQUIRE(normal.subs.size() == 15);
    CHECK(normal.k == 11);
    CHECK(normal.subs[14] == pk(fed[14]));
    CHECK(print(p, s) == text);
    // One member by index; a group mixed with other keys.
    CHECK(must_parse("pk(functionary[3])", s) == pk(fed[3]));
    CHECK(print(must_parse("thresh(3, pk(x), emergency[*])", s), s) ==
          "thresh(3,pk(x),emergency[*])");
}

TEST_CASE("policy parse: errors name the column where the text goes wrong", "[unit]") {
    SymbolTable s;
    s.declare_group("fed", 3);
    CHECK(must_fail("", s).column == 1);
    CHECK(must_fail("pk(a", s).column == 5);
    CHECK(must_fail("pk(a))", s).column == 6);
    CHECK(must_fail("pkh(a)", s).column == 1);
    CHECK(must_fail("and(pk(a))", s).message.find("two") != std::string::npos);
    CHECK(must_fail("thresh(4, pk(a), pk(b), pk(c))", s).column == 8);
    CHECK(must_fail("thresh(0, pk(a))", s).column == 8);
    CHECK(must_fail("older(0)", s).column == 7);
    CHECK(must_fail("older(65536)", s).column == 7);  // BIP68 keeps 16 bits
    CHECK(must_fail("after(2147483648)", s).column == 7);
    CHECK(must_fail("after(99999999999)", s).column == 7);
    CHECK(must_fail("or(pk(a), nobody[*])", s).column == 11);
    CHECK(must_fail("pk(fed[*])", s).column == 8);
    CHECK(must_fail("or(pk(a) pk(b))", s).column == 10);
    CHECK(must_fail("pk(zed)", s, ParseOptions{false}).message == "unknown key 'zed'");
    CHECK(must_fail(std::string(300, '('), s).column == 1);
    std::string deep;
    for (int i = 0; i < 400; ++i) deep += "and(pk(a),";
    CHECK(must_fail(deep, s).message.find("deeply") != std::string::npos);
}

TEST_CASE("policy parse_at: an error becomes file:line:col with the key", "[unit]") {
    SymbolTable s;
    try {
        parse_at("or(pk(a), pk(b)", s, sim::SourcePos{"designs/x.toml", 12, 14}, "policies.peg");
        FAIL("expected an InputError");
    } catch (const sim::InputError& e) {
        CHECK(e.pos().line == 12);
        CHECK(e.pos().column == 14 + 15);
        CHECK(std::string(e.what()).rfind("designs/x.toml:12:29: error: key 'policies.peg'", 0) ==
              0);
    }
}

TEST_CASE("policy round trip: parse(print(p)) == p for random policies", "[unit]") {
    SymbolTable s;
    policy_test::declare_names(s, 6, 3);
    sim::RngStream rng(20261202, 0, 1);
    for (int i = 0; i < 2000; ++i) {
        const Policy p = policy_test::random_policy(rng, 4, 6, 3);
        const std::string text = print(p, s);
        const Policy back = must_parse(text, s);
        INFO(text);
        CHECK(back == p);
        CHECK(print(back, s) == text);
    }
}
