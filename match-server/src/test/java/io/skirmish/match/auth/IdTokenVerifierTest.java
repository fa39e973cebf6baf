package io.skirmish.match.auth;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokenVerifierTest {

    private static final long NOW_MS = 1_800_000_000_000L;
    private static IdTokenIssuer issuer;
    private static IdTokenVerifier verifier;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        issuer = new IdTokenIssuer();
        Path jwks = issuer.writeJwks(dir.resolve("jwks.json"));
        verifier = new IdTokenVerifier(new IdTokenConfig(jwks.toString(), IdTokenIssuer.ISSUER, IdTokenIssuer.AUDIENCE,
                "sub", Duration.ofSeconds(30)), InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    }

    private static ErrorCode refusal(String token) {
        try {
            verifier.verify(token);
            return null;
        } catch (ProtocolException e) {
            return e.code();
        }
    }

    @Test
    void acceptsRs256Es256AndEdDsaTokensAndReadsThePlayerClaim() throws Exception {
        assertThat(verifier.verify(issuer.rs256(IdTokenIssuer.claims("alice", NOW_MS).build()))).isEqualTo("alice");
        assertThat(verifier.verify(issuer.es256(IdTokenIssuer.claims("bob", NOW_MS).build()))).isEqualTo("bob");
        assertThat(verifier.verify(issuer.edDsa(IdTokenIssuer.claims("carol", NOW_MS).build()))).isEqualTo("carol");
    }

    @Test
    void refusesForgedSignaturesAndAlgorithmTricks() {
        var claims = IdTokenIssuer.claims("alice", NOW_MS).build();
        assertThat(refusal(IdTokenIssuer.forgedRs256(claims))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.forgedEdDsa(claims))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.hs256WithPublicKey(claims))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(IdTokenIssuer.unsigned(claims))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        String valid = issuer.rs256(claims);
        String tampered = valid.substring(0, valid.indexOf('.') + 1)
                + com.nimbusds.jose.util.Base64URL.encode(IdTokenIssuer.claims("mallory", NOW_MS).build().toString())
                + valid.substring(valid.lastIndexOf('.'));
        assertThat(refusal(tampered)).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal("not.a.jwt")).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal("x".repeat(IdTokenVerifier.MAX_TOKEN_CHARS + 1))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
    }

    @Test
    void refusesExpiredWrongAudienceAndWrongIssuerTokens() {
        assertThat(refusal(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS)
                .expirationTime(new Date(NOW_MS - 31_000)).build()))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS).audience("another-game").build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS).issuer("https://evil.test").build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS).expirationTime(null).build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS).notBeforeTime(new Date(NOW_MS + 60_000))
                .build()))).isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
    }

    @Test
    void toleratesClockSkewUpToTheLimit() throws Exception {
        assertThat(verifier.verify(issuer.es256(IdTokenIssuer.claims("alice", NOW_MS)
                .expirationTime(new Date(NOW_MS - 20_000)).build()))).isEqualTo("alice");
    }

    @Test
    void refusesPlayerIdsThatAreInvalidOrInTheDeviceNamespace() {
        assertThat(refusal(issuer.rs256(IdTokenIssuer.claims("d-0123456789abcdef01234567", NOW_MS).build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.rs256(IdTokenIssuer.claims("bad id with spaces", NOW_MS).build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        assertThat(refusal(issuer.rs256(IdTokenIssuer.claims(null, NOW_MS).build())))
                .isEqualTo(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
    }
}
