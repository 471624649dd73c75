// The symbol table: names map to stable ids, key groups name their members name[i] and reuse keys
// of those names, and a group cannot be redeclared with another size.
#include "models/bitcoin/policy/symbol_table.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace models::bitcoin::policy;

TEST_CASE("symbol table: keys, preimages and groups", "[unit]") {
    SymbolTable s;
    const auto alice = s.key("alice");
    CHECK(s.key("alice") == alice);
    CHECK(s.key_name(alice) == "alice");
    CHECK_FALSE(s.find_key("bob"));
    // Keys and preimages are separate name spaces.
    CHECK(s.preimage("alice") == 0);
    CHECK(s.find_preimage("alice") == 0u);
    const auto early = s.key("fed[1]");
    const auto& fed = s.declare_group("fed", 3);
    REQUIRE(fed.size() == 3);
    CHECK(fed[1] == early);
    CHECK(s.key_name(fed[2]) == "fed[2]");
    CHECK(s.group_of(fed[2])->group == "fed");
    CHECK(s.group_of(fed[2])->index == 2);
    CHECK_FALSE(s.group_of(alice));
    CHECK(&s.declare_group("fed", 3) == s.group("fed"));
    CHECK_THROWS_AS(s.declare_group("fed", 4), std::invalid_argument);
    CHECK(s.group("nobody") == nullptr);
}
