package io.skirmish.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

/** The per-thread, per-key Macs give the same answers as one fresh Mac per call would. */
class SignedEnvelopeTest {

    private static byte[] secret(int seed) {
        byte[] secret = new byte[TokenKeyRing.MIN_SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i);
        }
        return secret;
    }

    private static final TokenKeyRing OLD = TokenKeyRing.of(1, secret(1));
    private static final TokenKeyRing ROTATED = new TokenKeyRing(2, Map.of(1, secret(1), 2, secret(2)));

    @Test
    void tokensOfEveryKeyInTheRingOpenOnOneThreadInAnyOrder() throws ProtocolException {
        SignedEnvelope old = new SignedEnvelope(OLD, "test v1", ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        SignedEnvelope rotated = new SignedEnvelope(ROTATED, "test v1", ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        byte[] underKeyOne = old.seal(new byte[] {1, 2, 3});
        byte[] underKeyTwo = rotated.seal(new byte[] {4, 5});

        for (int i = 0; i < 3; i++) {
            assertThat(rotated.open(underKeyOne)).containsExactly(1, 2, 3);
            assertThat(rotated.open(underKeyTwo)).containsExactly(4, 5);
        }
        assertThatThrownBy(() -> old.open(underKeyTwo)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aFailedCheckLeavesTheThreadsMacReadyForTheNextToken() throws ProtocolException {
        SignedEnvelope envelope = new SignedEnvelope(OLD, "test v1", ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        byte[] good = envelope.seal(new byte[] {9});
        byte[] forged = good.clone();
        forged[forged.length - 1] ^= 1;

        assertThatThrownBy(() -> envelope.open(forged)).isInstanceOf(ProtocolException.class);
        assertThat(envelope.open(good)).containsExactly(9);
    }

    @Test
    void manyThreadsSealAndOpenAtOnce() throws Exception {
        SignedEnvelope envelope = new SignedEnvelope(ROTATED, "test v1", ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int opened = 0;
                    for (int i = 0; i < 2_000; i++) {
                        byte[] body = {(byte) thread, (byte) i, (byte) (i >> 8)};
                        if (java.util.Arrays.equals(envelope.open(envelope.seal(body)), body)) {
                            opened++;
                        }
                    }
                    return opened;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
