package io.skirmish.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;
import org.junit.jupiter.api.Test;

class QueueResumeTest {

    private static ServerMessage update(QueueState state) {
        return ServerMessage.newBuilder().setQueueUpdate(QueueUpdate.newBuilder().setState(state).setPosition(3)).build();
    }

    private static ServerMessage error(ErrorCode code) {
        return ServerMessage.newBuilder().setError(Error.newBuilder().setCode(code).setMessage("x")).build();
    }

    @Test
    void aWaitingTicketIsResumedNotJoinedAgain() {
        assertThat(QueueResume.of(update(QueueState.QUEUE_STATE_SEARCHING))).isEqualTo(QueueResume.QUEUED);
        assertThat(QueueResume.of(update(QueueState.QUEUE_STATE_WAITING_FOR_SERVER))).isEqualTo(QueueResume.QUEUED);
        assertThat(QueueResume.of(update(QueueState.QUEUE_STATE_MATCHED))).isEqualTo(QueueResume.MATCHED);
    }

    @Test
    void onlyAServerSayingThereIsNoTicketMakesTheClientJoinAgain() {
        assertThat(QueueResume.of(error(ErrorCode.ERROR_CODE_NOT_QUEUED))).isEqualTo(QueueResume.JOIN_AGAIN);
        assertThat(QueueResume.of(update(QueueState.QUEUE_STATE_NOT_QUEUED))).isEqualTo(QueueResume.JOIN_AGAIN);
        assertThat(QueueResume.of(update(QueueState.QUEUE_STATE_LEFT))).isEqualTo(QueueResume.JOIN_AGAIN);
        assertThat(QueueResume.of(error(ErrorCode.ERROR_CODE_SERVER_BUSY))).isEqualTo(QueueResume.RETRY);
        assertThat(QueueResume.of(ServerMessage.getDefaultInstance())).isEqualTo(QueueResume.RETRY);
    }
}
