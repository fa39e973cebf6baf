package io.skirmish.client;

import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.ServerMessage;

/**
 * What a client does after it logged in again (its match-server connection was lost, perhaps the
 * whole match-server) and asked for its queue status: the login took its waiting ticket over, so
 * joining again would only be refused ({@code ALREADY_QUEUED}) or, worse, send it to the back of
 * the queue. Only a server that says the player has no ticket makes it join again.
 */
public enum QueueResume {
    /** The ticket still waits, in its place: keep waiting for {@code MatchFound}. */
    QUEUED,
    /** The ticket was matched meanwhile: the server pushes {@code MatchFound} again with the reply. */
    MATCHED,
    /** No ticket (it expired, or was never written): join again. */
    JOIN_AGAIN,
    /** No answer worth acting on (server busy, a failure): ask again after a backoff. */
    RETRY;

    /** Classifies the reply to a {@code QueueStatusRequest}. */
    public static QueueResume of(ServerMessage reply) {
        if (reply.hasError()) {
            return reply.getError().getCode() == ErrorCode.ERROR_CODE_NOT_QUEUED ? JOIN_AGAIN : RETRY;
        }
        if (!reply.hasQueueUpdate()) {
            return RETRY;
        }
        QueueState state = reply.getQueueUpdate().getState();
        return switch (state) {
            case QUEUE_STATE_SEARCHING, QUEUE_STATE_WAITING_FOR_SERVER -> QUEUED;
            case QUEUE_STATE_MATCHED -> MATCHED;
            case QUEUE_STATE_NOT_QUEUED, QUEUE_STATE_LEFT -> JOIN_AGAIN;
            default -> RETRY;
        };
    }
}
