package io.skirmish.match.auth;

import com.nimbusds.jose.jwk.OctetKeyPair;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Verifies an EdDSA (Ed25519) JWS signature with the JDK's own Ed25519 (Java 15+). The JOSE
 * library delegates Ed25519 to Google Tink, a second large dependency; the JDK already has it.
 */
final class Ed25519Check {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the 32-byte key follows. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Check() {
    }

    static boolean verify(OctetKeyPair jwk, byte[] signingInput, byte[] signature) throws GeneralSecurityException {
        if (!"Ed25519".equals(jwk.getCurve().getName())) {
            return false;
        }
        byte[] raw = jwk.getX().decode();
        if (raw.length != 32) {
            return false;
        }
        byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
