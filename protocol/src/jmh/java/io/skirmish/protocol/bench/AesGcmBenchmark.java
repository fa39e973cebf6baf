package io.skirmish.protocol.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.skirmish.protocol.crypto.JdkAesGcm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-256-GCM per packet as {@code PacketSealer}/{@code PacketOpener} do it ({@link JdkAesGcm}):
 * seal (encrypt + tag) and open (verify + decrypt) of one packet with the 24-byte header as
 * associated data and a fresh nonce per sealed packet. {@code jdkInitOnly} is the JDK's
 * per-packet {@code Cipher.init} alone (what a new nonce costs).
 * Payload sizes: 64 bytes (an input batch), 200 (a 10-player snapshot), 1160 (the largest).
 *
 * <p>Command (from the repository root):
 * {@code mvn -q -pl protocol -am -Pjmh package -DskipTests && java -jar protocol/target/benchmarks.jar AesGcmBenchmark -prof gc -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AesGcmBenchmark {
    private static final int HEADER_BYTES = 24;
    private static final int TAG_BITS = 128;

    @Param({"64", "200", "1160"})
    public int payloadBytes;

    private final SecretKey key = new SecretKeySpec(new byte[32], "AES");
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] nonce = new byte[JdkAesGcm.NONCE_BYTES];
    private final byte[] zeroNonce = new byte[JdkAesGcm.NONCE_BYTES];
    private final byte[] out = new byte[1200];
    private byte[] plain;
    private byte[] sealed;
    private Cipher jdk;
    private JdkAesGcm gcm;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        plain = new byte[payloadBytes];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) i;
        }
        jdk = Cipher.getInstance("AES/GCM/NoPadding");
        gcm = new JdkAesGcm(key);
        sealed = new byte[payloadBytes + JdkAesGcm.TAG_BYTES];
        gcm.seal(zeroNonce, header, 0, HEADER_BYTES, plain, 0, plain.length, sealed, 0);
    }

    private byte[] nextNonce() {
        long s = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (s >>> (56 - 8 * i));
        }
        return nonce;
    }

    @Benchmark
    public Cipher jdkInitOnly() throws GeneralSecurityException {
        jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nextNonce()));
        return jdk;
    }

    @Benchmark
    public int jdkSeal() throws GeneralSecurityException {
        jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nextNonce()));
        jdk.updateAAD(header, 0, HEADER_BYTES);
        return jdk.doFinal(plain, 0, plain.length, out, 0);
    }

    @Benchmark
    public int jdkAesGcmSeal() {
        return gcm.seal(nextNonce(), header, 0, HEADER_BYTES, plain, 0, plain.length, out, 0);
    }

    @Benchmark
    public int jdkOpen() throws GeneralSecurityException {
        // The sealed packet used the all-zero nonce; decryption may reuse a nonce.
        jdk.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, zeroNonce));
        jdk.updateAAD(header, 0, HEADER_BYTES);
        return jdk.doFinal(sealed, 0, sealed.length, out, 0);
    }

    @Benchmark
    public int jdkAesGcmOpen() {
        int length = gcm.open(zeroNonce, header, 0, HEADER_BYTES, sealed, 0, sealed.length, out, 0);
        if (length < 0) {
            throw new IllegalStateException("benchmark packet rejected");
        }
        return length;
    }
}
