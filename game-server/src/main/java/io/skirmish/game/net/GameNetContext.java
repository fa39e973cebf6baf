package io.skirmish.game.net;

import java.security.SecureRandom;
import java.time.InstantSource;

import io.skirmish.game.world.ArenaRules;
import io.skirmish.kit.log.RateLimitedLog;
import io.skirmish.protocol.token.ConnectTokenVerifier;
import io.skirmish.protocol.token.TokenReplayGuard;
import org.agrona.concurrent.NanoClock;

/**
 * What the network handlers of one game server share: token checks, the session directory,
 * metrics, the game's constants for Welcome, both clocks (wall for Welcome and Pong, monotonic for
 * UDP liveness), randomness for connection ids and resume secrets, and a bounded log. Immutable
 * after start.
 */
public record GameNetContext(ConnectTokenVerifier verifier, TokenReplayGuard replayGuard,
                             SessionDirectory directory, NetMetrics metrics, ArenaRules rules, int tickRateHz,
                             InstantSource wallClock, NanoClock nanoClock, SecureRandom random,
                             RateLimitedLog badInputLog) {

    /** A fresh, non-zero, unguessable connection id (guessing one is the first step of an attack). */
    long newConnectionId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || directory.connection(id) != null);
        return id;
    }
}
