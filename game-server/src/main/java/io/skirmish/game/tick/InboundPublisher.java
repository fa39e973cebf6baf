package io.skirmish.game.tick;

import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The I/O threads' side of a tick agent's inbound ring buffer: writes inputs and connection
 * events in place ({@link RingBuffer#tryClaim}), so handing an input to the simulation costs
 * no allocation and no lock.
 *
 * <p>Thread-safe for any number of I/O threads (the ring buffer is many-to-one). When the
 * buffer is full the message is dropped and {@code false} returned: the caller counts it. For
 * inputs that is harmless (clients resend their last few inputs); connection events are
 * retried by the caller.
 */
public final class InboundPublisher {

    private final RingBuffer ringBuffer;

    public InboundPublisher(RingBuffer ringBuffer) {
        this.ringBuffer = ringBuffer;
    }

    public boolean input(int matchIndex, int generation, int slot, long sequence, long viewTick,
                         float moveX, float moveY, float aimRadians, boolean fire, long receivedNs) {
        int index = ringBuffer.tryClaim(InboundDescriptor.INPUT, InboundDescriptor.INPUT_LENGTH);
        if (index <= 0) {
            return false;
        }
        var buffer = ringBuffer.buffer();
        buffer.putInt(index + InboundDescriptor.MATCH_INDEX_OFFSET, matchIndex);
        buffer.putInt(index + InboundDescriptor.GENERATION_OFFSET, generation);
        buffer.putInt(index + InboundDescriptor.SLOT_OFFSET, slot);
        buffer.putInt(index + InboundDescriptor.FLAGS_OFFSET, fire ? InboundDescriptor.FLAG_FIRE : 0);
        buffer.putLong(index + InboundDescriptor.SEQUENCE_OFFSET, sequence);
        buffer.putLong(index + InboundDescriptor.VIEW_TICK_OFFSET, viewTick);
        buffer.putFloat(index + InboundDescriptor.MOVE_X_OFFSET, moveX);
        buffer.putFloat(index + InboundDescriptor.MOVE_Y_OFFSET, moveY);
        buffer.putFloat(index + InboundDescriptor.AIM_OFFSET, aimRadians);
        buffer.putLong(index + InboundDescriptor.RECEIVED_NS_OFFSET, receivedNs);
        ringBuffer.commit(index);
        return true;
    }

    /** One of {@link InboundDescriptor#CONNECTED}, {@code DISCONNECTED} or {@code LEFT}. */
    public boolean connectionEvent(int type, int matchIndex, int generation, int slot, long connectionId) {
        int index = ringBuffer.tryClaim(type, InboundDescriptor.EVENT_LENGTH);
        if (index <= 0) {
            return false;
        }
        var buffer = ringBuffer.buffer();
        buffer.putInt(index + InboundDescriptor.MATCH_INDEX_OFFSET, matchIndex);
        buffer.putInt(index + InboundDescriptor.GENERATION_OFFSET, generation);
        buffer.putInt(index + InboundDescriptor.SLOT_OFFSET, slot);
        buffer.putInt(index + InboundDescriptor.FLAGS_OFFSET, 0);
        buffer.putLong(index + InboundDescriptor.CONNECTION_ID_OFFSET, connectionId);
        ringBuffer.commit(index);
        return true;
    }
}
