package io.skirmish.logship.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.skirmish.logship.sink.ItemOutcome.Result;
import org.junit.jupiter.api.Test;

class ItemOutcomeTest {

    @Test
    void createdIsIndexedAndAConflictIsADuplicateNotAFailure() {
        assertThat(ItemOutcome.classify(201, null)).isEqualTo(Result.INDEXED);
        assertThat(ItemOutcome.classify(200, null)).isEqualTo(Result.INDEXED);
        assertThat(ItemOutcome.classify(409, "version_conflict_engine_exception")).isEqualTo(Result.DUPLICATE);
    }

    @Test
    void onlyBadDocumentsAreRejectedForGood() {
        assertThat(ItemOutcome.classify(400, "document_parsing_exception")).isEqualTo(Result.REJECTED);
        assertThat(ItemOutcome.classify(413, "too_large")).isEqualTo(Result.REJECTED);
    }

    @Test
    void overloadOutagesAndFixableConfigurationAreRetried() {
        assertThat(ItemOutcome.classify(429, "es_rejected_execution_exception")).isEqualTo(Result.RETRY);
        assertThat(ItemOutcome.classify(500, "x")).isEqualTo(Result.RETRY);
        assertThat(ItemOutcome.classify(503, "unavailable_shards_exception")).isEqualTo(Result.RETRY);
        assertThat(ItemOutcome.classify(403, "cluster_block_exception")).isEqualTo(Result.RETRY);
        assertThat(ItemOutcome.classify(404, "index_not_found_exception")).isEqualTo(Result.RETRY);
        assertThat(ItemOutcome.classify(0, null)).isEqualTo(Result.RETRY);
        assertThat(Result.RETRY.done()).isFalse();
        assertThat(Result.REJECTED.done()).isTrue();
    }
}
