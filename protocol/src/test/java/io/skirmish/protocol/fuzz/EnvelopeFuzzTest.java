package io.skirmish.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skirmish.protocol.tcp.EnvelopeDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * Arbitrary frame bodies into the six envelope decoders (ClientMessage and ServerMessage of the
 * match, game and ranking services). The first input byte picks the decoder, the rest is the
 * frame, so one fuzz target (one JVM, see {@link FuzzSupport}) covers all of them.
 */
class EnvelopeFuzzTest {
    /** Indexed by {@link #selector}; the seed files depend on this order. */
    static final List<EnvelopeDecoder<?>> DECODERS = List.of(
            new EnvelopeDecoder<>(io.skirmish.protocol.match.v1.ClientMessage.getDefaultInstance()),
            new EnvelopeDecoder<>(io.skirmish.protocol.match.v1.ServerMessage.getDefaultInstance()),
            new EnvelopeDecoder<>(io.skirmish.protocol.game.v1.ClientMessage.getDefaultInstance()),
            new EnvelopeDecoder<>(io.skirmish.protocol.game.v1.ServerMessage.getDefaultInstance()),
            new EnvelopeDecoder<>(io.skirmish.protocol.ranking.v1.ClientMessage.getDefaultInstance()),
            new EnvelopeDecoder<>(io.skirmish.protocol.ranking.v1.ServerMessage.getDefaultInstance()));

    @FuzzTest(maxDuration = FuzzSupport.DURATION)
    void decodesOrThrowsProtocolException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        EnvelopeDecoder<?> decoder = DECODERS.get(selector(input[0]));
        byte[] frame = Arrays.copyOfRange(input, 1, input.length);
        // Alternate heap and direct buffers: they take different CodedInputStream paths.
        FuzzSupport.checkEnvelope(decoder, frame, (input[0] & 0x80) != 0);
    }

    static int selector(byte first) {
        return (first & 0x7F) % 6;
    }
}
