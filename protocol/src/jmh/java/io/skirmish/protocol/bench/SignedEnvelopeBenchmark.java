package io.skirmish.protocol.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.token.SignedEnvelope;
import io.skirmish.protocol.token.TokenKeyRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Checking a session-token-sized token (a 60-byte body): {@link SignedEnvelope#open}, which reuses
 * one keyed {@code Mac} per thread, against the same check with a {@code Mac} created and keyed
 * per call (what {@code SignedEnvelope} did before), in the same run.
 *
 * <p>Command (from the repository root):
 * {@code mvn -q -pl protocol -am -Pjmh package -DskipTests && java -jar protocol/target/benchmarks.jar SignedEnvelopeBenchmark -prof gc -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignedEnvelopeBenchmark {
    private static final byte[] PURPOSE = "skirmish session v1".getBytes();

    private final byte[] secret = new byte[32];
    private SignedEnvelope envelope;
    private SecretKeySpec key;
    private byte[] token;

    @Setup
    public void setUp() {
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7);
        }
        envelope = new SignedEnvelope(TokenKeyRing.of(1, secret), new String(PURPOSE), ErrorCode.ERROR_CODE_UNAUTHENTICATED);
        key = new SecretKeySpec(secret, "HmacSHA256");
        token = envelope.seal(new byte[60]);
    }

    @Benchmark
    public byte[] openReusingMac() throws ProtocolException {
        return envelope.open(token);
    }

    @Benchmark
    public boolean openWithNewMac() throws GeneralSecurityException {
        int signed = token.length - SignedEnvelope.MAC_BYTES;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update(PURPOSE);
        mac.update((byte) 0);
        mac.update(token, 0, signed);
        byte[] expected = mac.doFinal();
        byte[] actual = java.util.Arrays.copyOfRange(token, signed, token.length);
        return MessageDigest.isEqual(expected, actual);
    }
}
