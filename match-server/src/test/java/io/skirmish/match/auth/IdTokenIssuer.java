package io.skirmish.match.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * A stand-in for the studio's identity service in tests: real RS256, ES256 and EdDSA keys, a
 * JWKS file of their public halves, and ID tokens signed with them (or deliberately wrong).
 */
public final class IdTokenIssuer {

    public static final String ISSUER = "https://id.skirmish.test";
    public static final String AUDIENCE = "skirmish-game";

    private final RSAKey rsa;
    private final ECKey ec;
    private final KeyPair ed;
    private final OctetKeyPair edJwk;

    public IdTokenIssuer() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] encoded = ed.getPublic().getEncoded(); // X.509: 12-byte prefix, then the 32-byte key
        edJwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(encoded, 12, 44)))
                .keyID("ed-1").build();
    }

    /** Writes the public JWKS to {@code file} and returns it. */
    public Path writeJwks(Path file) throws java.io.IOException {
        JWKSet set = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), edJwk));
        return Files.writeString(file, set.toString(true));
    }

    public static JWTClaimsSet.Builder claims(String subject, long nowMs) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(new Date(nowMs)).expirationTime(new Date(nowMs + 600_000));
    }

    public String rs256(JWTClaimsSet claims) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String edDsa(JWTClaimsSet claims) {
        return edDsa(claims, ed);
    }

    /** Signed by a key pair that is not in the JWKS, under the JWKS's key id: a forgery. */
    public String forgedEdDsa(JWTClaimsSet claims) {
        try {
            return edDsa(claims, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a fresh RSA key under the JWKS's key id: a forgery. */
    public static String forgedRs256(JWTClaimsSet claims) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            return sign(new RSASSASigner(other), JWSAlgorithm.RS256, "rsa-1", claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 keyed with the RSA public key's bytes: the algorithm-confusion attack. */
    public String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] key = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            return sign(new MACSigner(key), JWSAlgorithm.HS256, "rsa-1", claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private String edDsa(JWTClaimsSet claims, KeyPair pair) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-1").build();
            String input = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64URL.encode(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(com.nimbusds.jose.JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
