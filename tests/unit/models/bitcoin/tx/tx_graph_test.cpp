// A Lightning-like presigned transaction graph built as data (policies from text, transactions
// from TxBuilder), checked by the consensus rules block by block: the funding 2-of-2, a
// commitment with to_local = or(pk(revocation), and(older(144), pk(local_delayed))), an offered
// HTLC with a preimage path and an after() timeout path, the HTLC-success, HTLC-timeout, delayed
// sweep and justice transactions. Shape after BOLT 3 (lightning/bolts 03-transactions.md).
#include "models/bitcoin/tx/tx_graph.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/policy/parse.hpp"
#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/block_connect.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::policy;

namespace {

constexpr Height funded_at = 100;
constexpr std::uint32_t to_self_delay = 144;
constexpr std::uint32_t htlc_expiry = 1000;

struct Channel {
    SymbolTable names;
    TxGraph graph;
    UtxoSet coins;
    Outpoint wallet_coin{1, 0};

    std::shared_ptr<const Policy> policy(const std::string& text) {
        ParseResult r = parse(text, names);
        REQUIRE(r.ok());
        return std::make_shared<const Policy>(*r.policy);
    }
    KeyId key(const char* n) { return *names.find_key(n); }
    /// The path a party holding these keys and preimages commits to when presigning.
    Path path(const TxOut& out, std::set<KeyId> keys, std::set<PreimageId> preimages = {}) {
        auto p = satisfy(*out.policy, Assets::whenever(std::move(keys), std::move(preimages)));
        REQUIRE(p);
        return *p;
    }

    Channel() {
        const auto wallet = policy("pk(alice_wallet)");
        const auto funding = policy("and(pk(alice), pk(bob))");
        const auto delayed = policy("or(pk(revocation), and(older(144), pk(alice_delayed)))");
        const auto offered = policy(
            "or(pk(revocation), or(and(pk(bob_htlc), sha256(payment)),"
            " and(pk(alice_htlc), pk(bob_htlc), after(1000))))");
        coins.add(wallet_coin, Coin{TxOut{Sat{1'010'000}, wallet}, CoinTime{funded_at - 1, 0}});
        const PreimageId payment = *names.find_preimage("payment");

        const TxOut wallet_out = coins.find(wallet_coin)->output;
        graph.add("funding",
                  TxBuilder(10)
                      .spend(wallet_coin, wallet_out, path(wallet_out, {key("alice_wallet")}))
                      .pay(Sat{1'000'000}, funding)
                      .build());
        const TxOut fund = graph.output("funding", 0);
        graph.add("commitment", TxBuilder(11)
                                    .spend(graph.outpoint("funding", 0), fund,
                                           path(fund, {key("alice"), key("bob")}))
                                    .pay(Sat{600'000}, delayed)
                                    .pay(Sat{300'000}, policy("pk(bob)"))
                                    .pay(Sat{90'000}, offered)
                                    .build());
        const TxOut local = graph.output("commitment", 0);
        const TxOut htlc = graph.output("commitment", 2);
        graph.add("htlc_timeout", TxBuilder(12)
                                      .spend(graph.outpoint("commitment", 2), htlc,
                                             path(htlc, {key("alice_htlc"), key("bob_htlc")}))
                                      .pay(Sat{85'000}, delayed)
                                      .build());
        graph.add("htlc_success", TxBuilder(13)
                                      .spend(graph.outpoint("commitment", 2), htlc,
                                             path(htlc, {key("bob_htlc")}, {payment}))
                                      .pay(Sat{85'000}, policy("pk(bob)"))
                                      .build());
        graph.add("to_local_sweep", TxBuilder(14)
                                        .spend(graph.outpoint("commitment", 0), local,
                                               path(local, {key("alice_delayed")}))
                                        .pay(Sat{595'000}, policy("pk(alice_wallet)"))
                                        .build());
        graph.add("justice", TxBuilder(15)
                                 .spend(graph.outpoint("commitment", 0), local,
                                        path(local, {key("revocation")}))
                                 .pay(Sat{595'000}, policy("pk(bob)"))
                                 .build());
    }

    ConnectResult mine(std::initializer_list<const char*> txs, Height h) {
        std::vector<Transaction> block;
        for (const char* name : txs) block.push_back(graph.at(name));
        return connect_block(coins, block, BlockContext{h, 0});
    }

    std::optional<RejectReason> why_not(const char* tx, Height h) const {
        auto r = check_transaction(graph.at(tx), coins, BlockContext{h, 0});
        return r ? std::optional(r->reason) : std::nullopt;
    }
};

}  // namespace

TEST_CASE("tx graph: the builder derives witness, nSequence and nLockTime from each path",
          "[unit]") {
    Channel c;
    const Transaction& timeout = c.graph.at("htlc_timeout");
    CHECK(timeout.lock_time == htlc_expiry);
    CHECK(timeout.inputs[0].sequence != sequence_final);  // CLTV needs a non-final input
    CHECK(c.graph.at("to_local_sweep").inputs[0].sequence == to_self_delay);
    CHECK(c.graph.at("justice").inputs[0].sequence == sequence_rbf_max);
    CHECK(c.graph.at("htlc_success").inputs[0].witness.preimages.size() == 1);
    CHECK(c.graph.at("commitment").fee == Sat{10'000});
    // (10 + 41 + 3 x 43) x 4 + 2 + the 2-of-2 witness 218 = 940 WU. BOLT 3 (Appendix "Expected
    // Weight of the Commitment Transaction") gives 724 + 172 = 896 WU for a non-anchor commitment
    // with one HTLC. The 44 WU between them are accounted for: BOLT 3's to_remote is P2WPKH
    // (31-byte output, ours 43: +48 WU) and its funding witness is 222 bytes with the
    // CHECKMULTISIG dummy and a 71-byte script (ours 218: -4 WU).
    CHECK(c.graph.at("commitment").weight == Weight{896 + 48 - 4});
    // Who can claim each output is data: the graph lists the conflicting spenders.
    CHECK(c.graph.spenders(c.graph.outpoint("commitment", 0)) ==
          std::vector<std::string>{"to_local_sweep", "justice"});
    CHECK(c.graph.spenders(c.graph.outpoint("commitment", 2)) ==
          std::vector<std::string>{"htlc_timeout", "htlc_success"});
}

TEST_CASE("tx graph: the delayed sweep waits to_self_delay blocks; justice does not", "[unit]") {
    Channel c;
    CHECK(c.why_not("commitment", funded_at) ==
          RejectReason::missing_input);  // funding unconfirmed
    REQUIRE(c.mine({"funding"}, funded_at).ok());
    REQUIRE(c.mine({"commitment"}, funded_at + 1).ok());
    const Height commit = funded_at + 1;
    CHECK(c.why_not("to_local_sweep", commit + to_self_delay - 1) == RejectReason::relative_lock);
    CHECK_FALSE(c.why_not("to_local_sweep", commit + to_self_delay));
    CHECK_FALSE(c.why_not("justice", commit + 1));
    // Once justice confirms, the sweep is a double spend.
    const ConnectResult j = c.mine({"justice"}, commit + 5);
    REQUIRE(j.ok());
    CHECK(c.why_not("to_local_sweep", commit + to_self_delay) == RejectReason::missing_input);
    // A reorg that drops the justice block gives the output back to the sweep.
    disconnect_block(c.coins, *j.undo);
    CHECK_FALSE(c.why_not("to_local_sweep", commit + to_self_delay));
}

TEST_CASE("tx graph: HTLC-success needs the preimage; HTLC-timeout waits for the expiry",
          "[unit]") {
    Channel c;
    REQUIRE(c.mine({"funding"}, funded_at).ok());
    REQUIRE(c.mine({"commitment"}, funded_at + 1).ok());
    CHECK_FALSE(c.why_not("htlc_success", 500));
    CHECK(c.why_not("htlc_timeout", htlc_expiry) == RejectReason::non_final);
    CHECK_FALSE(c.why_not("htlc_timeout", htlc_expiry + 1));
    // Without the preimage, Bob's claim does not satisfy the HTLC's policy.
    Transaction no_preimage = c.graph.at("htlc_success");
    no_preimage.inputs[0].witness.preimages.clear();
    CHECK(check_transaction(no_preimage, c.coins, BlockContext{500, 0})->reason ==
          RejectReason::policy_not_satisfied);
    // The first claim to confirm wins: success before the expiry, then timeout is a double spend;
    // undoing that block lets the timeout through.
    const ConnectResult s = c.mine({"htlc_success"}, 900);
    REQUIRE(s.ok());
    CHECK(c.why_not("htlc_timeout", htlc_expiry + 1) == RejectReason::missing_input);
    disconnect_block(c.coins, *s.undo);
    CHECK_FALSE(c.why_not("htlc_timeout", htlc_expiry + 1));
}
