package io.skirmish.logship.sink;

import io.skirmish.logship.InFlightEvent;

/**
 * What Elasticsearch said about one document of a bulk request.
 *
 * @param status HTTP status of the item (0 when the whole request failed without an answer)
 * @param reason error type and reason for a failure, {@code null} on success
 */
public record ItemOutcome(InFlightEvent event, Result result, int status, String reason) {

    public enum Result {
        /** Created now. */
        INDEXED,
        /** 409 on {@code create}: an earlier attempt (or another shipper) already indexed this id. */
        DUPLICATE,
        /** 429, 5xx, no answer: send again later, only this document. */
        RETRY,
        /** 400/413: the document itself is wrong; dead-letter it and move on. */
        REJECTED;

        /** True when the stream entry may be acknowledged (after dead-lettering for {@link #REJECTED}). */
        public boolean done() {
            return this != RETRY;
        }
    }

    /**
     * Sorts a bulk item answer. {@code create} makes an existing id a 409, which is success for
     * an idempotent writer. A 400 (mapping or parsing error) or 413 can never succeed. Everything
     * else, including 401/403/404 that an operator can fix, is retried: better a visible backlog
     * than documents thrown away for a configuration mistake.
     */
    public static Result classify(int status, String errorType) {
        if (status >= 200 && status < 300 && errorType == null) {
            return Result.INDEXED;
        }
        if (status == 409) {
            return Result.DUPLICATE;
        }
        if (status == 400 || status == 413) {
            return Result.REJECTED;
        }
        return Result.RETRY;
    }
}
