package io.skirmish.match.net;

import com.google.protobuf.InvalidProtocolBufferException;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushBatchTest {

    private static final ServerMessage FOUND = ServerMessage.newBuilder().setPlayerId("alice")
            .setMatchFound(MatchFound.newBuilder().setMatchId("m-1").setHost("127.0.0.1").setTcpPort(7000)).build();
    private static final ServerMessage UPDATE = ServerMessage.newBuilder().setPlayerId("bob")
            .setQueueUpdate(QueueUpdate.newBuilder().setQueueSize(12)).build();

    @Test
    void decodesWhatItEncodedInOrder() throws Exception {
        assertThat(PushBatch.decode(PushBatch.encode(List.of(FOUND, UPDATE, FOUND)))).containsExactly(FOUND, UPDATE, FOUND);
        assertThat(PushBatch.decode(PushBatch.encode(List.of()))).isEmpty();
    }

    @Test
    void refusesATruncatedBatch() {
        byte[] whole = PushBatch.encode(List.of(FOUND, UPDATE));
        assertThatThrownBy(() -> PushBatch.decode(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("left");
        assertThatThrownBy(() -> PushBatch.decode(new byte[] {0, 0}))
                .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("truncated length field");
    }

    @Test
    void refusesLengthsOutsideTheFrameLimit() {
        byte[] negative = ByteBuffer.allocate(8).putInt(-1).putInt(0).array();
        byte[] huge = ByteBuffer.allocate(8).putInt(1 << 20).putInt(0).array();
        assertThatThrownBy(() -> PushBatch.decode(negative)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> PushBatch.decode(huge)).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void refusesAMessageThatDoesNotParse() {
        byte[] garbage = ByteBuffer.allocate(7).putInt(3).put(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}).array();
        assertThatThrownBy(() -> PushBatch.decode(garbage)).isInstanceOf(InvalidProtocolBufferException.class);
    }
}
