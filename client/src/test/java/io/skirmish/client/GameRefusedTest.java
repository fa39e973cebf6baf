package io.skirmish.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import io.skirmish.protocol.common.v1.ErrorCode;
import org.junit.jupiter.api.Test;

class GameRefusedTest {

    @Test
    void theCodeIsFoundThroughWrappingFutures() {
        GameRefused refused = new GameRefused(ErrorCode.ERROR_CODE_ALREADY_CONNECTED, "game server closed the connection");
        assertThat(GameRefused.codeOf(new CompletionException(refused))).isEqualTo(ErrorCode.ERROR_CODE_ALREADY_CONNECTED);
    }

    @Test
    void anyOtherFailureHasNoCode() {
        assertThat(GameRefused.codeOf(new IllegalStateException("connection closed before the match ended")))
                .isEqualTo(ErrorCode.ERROR_CODE_UNSPECIFIED);
    }
}
