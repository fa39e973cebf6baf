package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ConnectionCounterTest {

    private final InetAddress one = InetAddress.getLoopbackAddress();
    private final InetAddress two = address("127.0.0.2");

    @Test
    void refusesTheConnectionAboveTheCapOfOneAddressButNotOthers() {
        ConnectionCounter counter = new ConnectionCounter(10, 2);

        assertThat(counter.tryAcquire(one)).isNull();
        assertThat(counter.tryAcquire(one)).isNull();
        assertThat(counter.tryAcquire(one)).isEqualTo(GuardRefusal.ADDRESS_CAP);
        assertThat(counter.tryAcquire(two)).isNull();
        assertThat(counter.open()).isEqualTo(3);
        assertThat(counter.open(one)).isEqualTo(2);
    }

    @Test
    void refusesAboveTheTotalCapWhateverTheAddress() {
        ConnectionCounter counter = new ConnectionCounter(2, 2);
        counter.tryAcquire(one);
        counter.tryAcquire(two);

        assertThat(counter.tryAcquire(address("127.0.0.3"))).isEqualTo(GuardRefusal.TOTAL_CAP);
        assertThat(counter.open()).isEqualTo(2);
    }

    @Test
    void aClosedConnectionFreesItsPlaceAndAnAddressWithoutConnectionsIsForgotten() {
        ConnectionCounter counter = new ConnectionCounter(10, 1);
        counter.tryAcquire(one);
        counter.release(one);

        assertThat(counter.open(one)).isZero();
        assertThat(counter.open()).isZero();
        assertThat(counter.tryAcquire(one)).isNull();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
