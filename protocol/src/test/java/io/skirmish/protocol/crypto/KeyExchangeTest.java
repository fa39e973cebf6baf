package io.skirmish.protocol.crypto;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyExchangeTest {
    private static final byte[] TOKEN_ID = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void bothSidesDeriveTheSameKey() throws Exception {
        KeyExchange client = KeyExchange.generate();
        KeyExchange server = KeyExchange.generate();

        SecretKey clientKey = client.deriveUdpKey(server.publicKey(), TOKEN_ID);
        SecretKey serverKey = server.deriveUdpKey(client.publicKey(), TOKEN_ID);

        assertThat(clientKey.getEncoded()).hasSize(32).isEqualTo(serverKey.getEncoded());
        assertThat(clientKey.getAlgorithm()).isEqualTo("AES");
        assertThat(client.publicKey()).hasSize(KeyExchange.PUBLIC_KEY_BYTES);
    }

    @Test
    void keyDependsOnTheTokenId() throws Exception {
        KeyExchange client = KeyExchange.generate();
        KeyExchange server = KeyExchange.generate();
        byte[] otherId = TOKEN_ID.clone();
        otherId[0] ^= 1;
        assertThat(client.deriveUdpKey(server.publicKey(), TOKEN_ID).getEncoded())
                .isNotEqualTo(client.deriveUdpKey(server.publicKey(), otherId).getEncoded());
    }

    @Test
    void encodesPublicKeysAsRfc7748() throws Exception {
        // RFC 7748 section 6.1: Alice's private scalar, Bob's public key and the shared secret.
        HexFormat hex = HexFormat.of();
        byte[] alicePrivate = hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] alicePublic = hex.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPublic = hex.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = hex.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        PrivateKey alice = KeyFactory.getInstance("XDH")
                .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, alicePrivate));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(alice);
        agreement.doPhase(KeyExchange.decode(bobPublic), true);

        assertThat(agreement.generateSecret()).isEqualTo(shared);
        assertThat(KeyExchange.encode((XECPublicKey) KeyExchange.decode(alicePublic))).isEqualTo(alicePublic);
    }

    @Test
    void rejectsPublicKeyOfWrongLength() {
        KeyExchange server = KeyExchange.generate();
        for (int length : new int[] {0, 31, 33}) {
            assertThatThrownBy(() -> server.deriveUdpKey(new byte[length], TOKEN_ID))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_HANDSHAKE_FAILED));
        }
        assertThatThrownBy(() -> server.deriveUdpKey(null, TOKEN_ID)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectsLowOrderPoints() {
        KeyExchange server = KeyExchange.generate();
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        for (byte[] point : new byte[][] {zero, one}) {
            assertThatThrownBy(() -> server.deriveUdpKey(point, TOKEN_ID))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ERROR_CODE_HANDSHAKE_FAILED));
        }
    }

    @Test
    void publicKeyIsACopy() {
        KeyExchange exchange = KeyExchange.generate();
        exchange.publicKey()[0] ^= 1;
        assertThat(exchange.publicKey()).isEqualTo(exchange.publicKey());
    }
}
