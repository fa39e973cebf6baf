package io.skirmish.protocol.tcp;

import com.google.protobuf.Message;
import io.netty.channel.ChannelPipeline;

/**
 * The codecs of a Skirmish TCP connection, in pipeline order: {@link FrameDecoder} (u32 length
 * frames), {@link EnvelopeDecoder} (the frame body as an envelope message) and
 * {@link FrameEncoder} (messages out as frames). Whatever handles the envelopes goes after them.
 */
public final class EnvelopeCodecs {

    private EnvelopeCodecs() {
    }

    /**
     * Adds the three codecs at the end of {@code pipeline} and returns it.
     *
     * @param prototype the envelope type read on this side, e.g. {@code ServerMessage.getDefaultInstance()}
     */
    public static <T extends Message> ChannelPipeline addLast(ChannelPipeline pipeline, T prototype) {
        return pipeline.addLast(new FrameDecoder(), new EnvelopeDecoder<>(prototype), new FrameEncoder());
    }
}
