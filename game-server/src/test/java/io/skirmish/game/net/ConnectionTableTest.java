package io.skirmish.game.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class ConnectionTableTest {

    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");

    private static UdpConnection connection(long id) {
        return new UdpConnection(id, KEY, null, 0, "p" + id, null, InetAddress.getLoopbackAddress(), 0);
    }

    private final ConnectionTable table = new ConnectionTable();

    @Test
    void findsWhatWasPutAndNothingElse() {
        UdpConnection a = connection(42);

        assertThat(table.put(a)).isTrue();

        assertThat(table.get(42)).isSameAs(a);
        assertThat(table.get(43)).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void keepsThousandsOfRandomIdsThroughGrowth() {
        SplittableRandom random = new SplittableRandom(19);
        List<UdpConnection> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long id = random.nextLong();
            if (id != 0) {
                UdpConnection c = connection(id);
                table.put(c);
                all.add(c);
            }
        }

        assertThat(table.size()).isEqualTo(all.size());
        assertThat(all).allSatisfy(c -> assertThat(table.get(c.connectionId())).isSameAs(c));
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aRemovalDoesNotHideIdsProbedPastIt() {
        // 1, 65 and 129 share a slot in a 64-slot table: each probes past the ones before it.
        UdpConnection first = connection(1);
        UdpConnection second = connection(65);
        UdpConnection third = connection(129);
        table.put(first);
        table.put(second);
        table.put(third);

        assertThat(table.remove(second)).isTrue();

        assertThat(table.get(65)).isNull();
        assertThat(table.get(1)).isSameAs(first);
        assertThat(table.get(129)).isSameAs(third);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void removesOnlyTheConnectionThatIsThere() {
        UdpConnection current = connection(7);
        table.put(current);

        assertThat(table.remove(connection(7))).isFalse();
        assertThat(table.remove(connection(8))).isFalse();
        assertThat(table.get(7)).isSameAs(current);
    }

    @Test
    void aReplacementIsNotANewConnectionButAReturnAfterRemovalIs() {
        UdpConnection old = connection(9);
        UdpConnection replacement = connection(9);
        table.put(old);

        assertThat(table.put(replacement)).isFalse();
        assertThat(table.get(9)).isSameAs(replacement);
        assertThat(table.remove(replacement)).isTrue();
        assertThat(table.put(old)).isTrue();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void churnLeavesOnlyTheLiveConnections() {
        List<UdpConnection> live = new ArrayList<>();
        for (long id = 1; id <= 3000; id++) {
            UdpConnection c = connection(id * 7919);
            table.put(c);
            if (id % 3 == 0) {
                live.add(c);
            } else {
                table.remove(c);
            }
        }

        assertThat(table.size()).isEqualTo(live.size());
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(live);
        assertThat(live).allSatisfy(c -> assertThat(table.get(c.connectionId())).isSameAs(c));
        assertThat(table.get(7919)).isNull();
    }

    @Test
    void refusesTheIdThatMarksAnEmptySlot() {
        assertThatThrownBy(() -> table.put(connection(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
