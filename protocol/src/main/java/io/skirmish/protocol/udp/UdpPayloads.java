package io.skirmish.protocol.udp;

import io.netty.buffer.ByteBuf;
import io.skirmish.protocol.BoundedParser;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.game.v1.InputBatch;
import io.skirmish.protocol.game.v1.Snapshot;

/**
 * Parses the decrypted payloads of UDP packets (see {@code skirmish/game/v1/packets.proto}) with
 * the payload size limit, a small recursion limit and a bound on repeated inputs.
 * Stateless and thread-safe.
 */
public final class UdpPayloads {
    /** Most inputs a batch may carry; a client sends its last 3, a few more cover a burst. */
    public static final int MAX_INPUTS_PER_BATCH = 16;

    private static final BoundedParser<InputBatch> INPUT_BATCH =
            new BoundedParser<>(InputBatch.parser(), UdpLimits.MAX_PAYLOAD_BYTES);
    private static final BoundedParser<Snapshot> SNAPSHOT =
            new BoundedParser<>(Snapshot.parser(), UdpLimits.MAX_PAYLOAD_BYTES);

    private UdpPayloads() {
    }

    /**
     * Parses the payload of an INPUT packet (reader index unchanged).
     *
     * @throws ProtocolException {@code MALFORMED_MESSAGE}, or {@code INVALID_ARGUMENT} for too many inputs
     */
    public static InputBatch parseInputBatch(ByteBuf payload) throws ProtocolException {
        InputBatch batch = INPUT_BATCH.parse(payload);
        if (batch.getInputsCount() > MAX_INPUTS_PER_BATCH) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT,
                    "input batch of " + batch.getInputsCount() + " inputs exceeds " + MAX_INPUTS_PER_BATCH);
        }
        return batch;
    }

    /**
     * Parses the payload of a SNAPSHOT packet (reader index unchanged).
     *
     * @throws ProtocolException {@code MALFORMED_MESSAGE}
     */
    public static Snapshot parseSnapshot(ByteBuf payload) throws ProtocolException {
        return SNAPSHOT.parse(payload);
    }
}
