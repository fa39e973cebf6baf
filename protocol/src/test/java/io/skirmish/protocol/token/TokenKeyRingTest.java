package io.skirmish.protocol.token;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenKeyRingTest {
    private static String b64(int fill, int length) {
        byte[] secret = new byte[length];
        java.util.Arrays.fill(secret, (byte) fill);
        return Base64.getEncoder().encodeToString(secret);
    }

    @Test
    void parsesConfigurationWithTheFirstEntryAsSigningKey() {
        TokenKeyRing ring = TokenKeyRing.parse("7:" + b64(1, 32) + ", 3:" + b64(2, 48));
        assertThat(ring.signingKeyId()).isEqualTo(7);
        assertThat(ring.key(3)).isNotNull();
        assertThat(ring.key(4)).isNull();
    }

    @Test
    void rejectsShortSecretsWithoutPrintingThem() {
        String secret = b64(5, 31);
        assertThatThrownBy(() -> TokenKeyRing.parse("1:" + secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes")
                .hasMessageNotContaining(secret);
    }

    @Test
    void rejectsBadEntries() {
        assertThatThrownBy(() -> TokenKeyRing.parse("x:" + b64(1, 32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeyRing.parse("300:" + b64(1, 32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeyRing.parse("1:" + b64(1, 32) + ",1:" + b64(2, 32)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new TokenKeyRing(2, Map.of(1, new byte[32])))
                .hasMessageContaining("signing key id 2");
    }

    @Test
    void toStringNamesIdsOnly() {
        assertThat(TokenFixtures.ring(1, 2)).hasToString("TokenKeyRing[signing=1, ids=1,2]");
    }
}
