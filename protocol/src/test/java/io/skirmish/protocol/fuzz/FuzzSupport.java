package io.skirmish.protocol.fuzz;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.tcp.EnvelopeDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties shared by the fuzz tests. Every fuzz target lets only {@link ProtocolException}
 * escape from the code under test: anything else (a NullPointerException, an
 * IndexOutOfBoundsException, an AssertionError from these checks) is a finding.
 *
 * <p>Jazzer fuzzes one {@code @FuzzTest} per JVM, so each target is its own {@code *FuzzTest}
 * class and surefire forks a JVM per class (see protocol/pom.xml).
 */
final class FuzzSupport {
    /** Per-target fuzzing time in CI; keep the sum of all targets under about 3 minutes. */
    static final String DURATION = "15s";

    static final long NOW_MS = 1_800_000_000_000L;
    static final long CONNECTION_ID = 0x5EED_5EED_5EED_5EEDL;
    static final String SERVER_ID = "gs-fuzz";

    private FuzzSupport() {
    }

    /** A fixed AES key, so that seed packets sealed with it stay valid inputs. */
    static SecretKey udpKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5A);
        return new SecretKeySpec(key, "AES");
    }

    /** A fixed token secret, so that seed tokens signed with it stay valid inputs. */
    static byte[] tokenSecret() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x33);
        return secret;
    }

    /**
     * Decodes {@code bytes} from a heap or a direct buffer; when it decodes, the envelope must
     * re-encode to something that decodes to an equal envelope, and the frame must be untouched.
     */
    static <T extends Message> void checkEnvelope(EnvelopeDecoder<T> decoder, byte[] bytes, boolean direct) {
        ByteBuf frame = direct ? Unpooled.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes)
                : Unpooled.wrappedBuffer(bytes);
        try {
            T envelope = decoder.decode(frame);
            assertThat(frame.readableBytes()).isEqualTo(bytes.length);
            assertThat(decoder.decode(envelope.toByteArray())).isEqualTo(envelope);
        } catch (ProtocolException expected) {
            assertThat(expected.code()).isNotNull();
        } finally {
            frame.release();
        }
    }
}
