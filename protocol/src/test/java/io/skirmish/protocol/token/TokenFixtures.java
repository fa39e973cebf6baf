package io.skirmish.protocol.token;

import io.skirmish.protocol.Samples.ManualClock;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** Key rings, clocks and issuers shared by the token tests. */
final class TokenFixtures {
    static final long NOW_MS = 1_800_000_000_000L;
    static final Duration TTL = Duration.ofSeconds(30);
    static final String SERVER = "gs-eu-1";

    private TokenFixtures() {
    }

    static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    static TokenKeyRing ring(int signingId, int... ids) {
        Map<Integer, byte[]> secrets = new java.util.HashMap<>();
        secrets.put(signingId, secret(signingId));
        for (int id : ids) {
            secrets.put(id, secret(id));
        }
        return new TokenKeyRing(signingId, secrets);
    }

    static ConnectTokenIssuer issuer(TokenKeyRing ring, ManualClock clock) {
        return new ConnectTokenIssuer(ring, clock, TTL, new SecureRandom());
    }
}
