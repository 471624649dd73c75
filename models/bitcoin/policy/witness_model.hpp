// Witness sizes of a policy compiled to Miniscript (BIP379; the tables at
// https://bitcoin.sipa.be/miniscript/): the bytes each leaf pushes when satisfied and when
// dissatisfied, and the script bytes a spend reveals. Witness bytes count 1 WU each (BIP141).
// Sizes include each stack item's 1-byte length prefix. ECDSA signatures are DER, at most 72
// bytes with the sighash byte (BIP66), so 73 with the prefix; BIP340 Schnorr signatures with the
// default sighash are 64 bytes, 65 with the prefix.
#pragma once

#include <cstdint>

namespace models::bitcoin::policy {

struct WitnessModel {
    std::int64_t signature_bytes = 73;     ///< pk() satisfied: <sig>
    std::int64_t key_script_bytes = 35;    ///< pk() in the script: <33-byte key> OP_CHECKSIG
    std::int64_t control_block_bytes = 0;  ///< Taproot script path: 1 + 33 (one leaf)
    std::int64_t empty_bytes = 1;          ///< an empty push: pk() dissatisfied, or_i's 0
    std::int64_t preimage_bytes = 33;      ///< sha256() satisfied: the 32-byte preimage
    /// sha256() dissatisfied: any other 32 bytes (BIP379 table, dsat of sha256).
    std::int64_t preimage_dissat_bytes = 33;
    /// OP_SIZE <32> OP_EQUALVERIFY OP_SHA256 <32-byte hash> OP_EQUAL.
    std::int64_t hash_script_bytes = 39;
    std::int64_t selector_bytes = 2;  ///< or_i's branch selector <1>

    /// Segwit v0 P2WSH with ECDSA keys (Lightning's and Liquid's scripts today).
    static constexpr WitnessModel p2wsh() { return WitnessModel{}; }
    /// Tapscript in a single-leaf Taproot output: x-only keys, Schnorr signatures.
    static constexpr WitnessModel tapscript() {
        WitnessModel m;
        m.signature_bytes = 65;
        m.key_script_bytes = 34;
        m.control_block_bytes = 34;
        return m;
    }
};

}  // namespace models::bitcoin::policy
