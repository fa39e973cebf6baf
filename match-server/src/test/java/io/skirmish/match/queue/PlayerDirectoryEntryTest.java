package io.skirmish.match.queue;

import io.skirmish.match.rules.QueueMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlayerDirectoryEntryTest {

    @Test
    void readsStampedAndUnstampedEntries() {
        PlayerDirectory.Entry entry = new PlayerDirectory.Entry(QueueMode.SQUAD, "eu-west", "abc123");
        assertThat(entry.encode()).isEqualTo("squad|eu-west|abc123");
        assertThat(PlayerDirectory.Entry.decode("squad|eu-west|abc123|1764000000")).isEqualTo(entry);
        assertThat(PlayerDirectory.Entry.stamp("squad|eu-west|abc123|1764000000")).isEqualTo(1_764_000_000L);
        // Entries written before the stamp existed still read, without a stamp.
        assertThat(PlayerDirectory.Entry.decode("squad|eu-west|abc123")).isEqualTo(entry);
        assertThat(PlayerDirectory.Entry.stamp("squad|eu-west|abc123")).isEqualTo(-1);
    }

    @Test
    void garbageReadsAsNothing() {
        assertThat(PlayerDirectory.Entry.decode(null)).isNull();
        assertThat(PlayerDirectory.Entry.decode("chess|eu|x")).isNull();
        assertThat(PlayerDirectory.Entry.decode("duel|eu")).isNull();
        assertThat(PlayerDirectory.Entry.stamp("duel|eu|x|soon")).isEqualTo(-1);
    }
}
