package io.skirmish.kit.log;

import org.slf4j.MDC;

/**
 * The structured fields a log line may carry besides its message (SLF4J MDC entries; ECS JSON
 * logs them as fields, so Kibana can filter one match's or one player's lines): wrap the log
 * call in {@code try (var fields = LogFields.match(id)) { LOG.info(...); }}. Values are ids the
 * message names anyway; nothing secret goes here.
 */
public final class LogFields {

    public static final String MATCH_ID = "match_id";
    public static final String PLAYER_ID = "player_id";

    private LogFields() {
    }

    public static MDC.MDCCloseable match(String matchId) {
        return MDC.putCloseable(MATCH_ID, matchId);
    }

    public static MDC.MDCCloseable player(String playerId) {
        return MDC.putCloseable(PLAYER_ID, playerId);
    }
}
