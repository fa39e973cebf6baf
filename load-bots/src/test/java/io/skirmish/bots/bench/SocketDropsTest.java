package io.skirmish.bots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SocketDropsTest {

    private static final String UDP6 = String.join("\n",
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr "
                    + "tm->when retrnsmt   uid  timeout inode ref pointer drops",
            " 1187: 0000000000000000FFFF00000100007F:9723 00000000000000000000000000000000:0000 07 00000000:000FFF00 "
                    + "00:00000000 00000000     0        0 812345 2 0000000000000000 60408",
            " 1290: 0000000000000000FFFF00000100007F:9232 00000000000000000000000000000000:0000 07 00000000:00000000 "
                    + "00:00000000 00000000     0        0 812346 2 0000000000000000 7950",
            " 1300: 0000000000000000FFFF00000100007F:A9D3 00000000000000000000000000000000:0000 07 00000000:00000000 "
                    + "00:00000000 00000000     0        0 812347 2 0000000000000000 12",
            "");

    @Test
    void sumsTheDropsOfTheSocketsBoundToTheGivenPorts() {
        // 0x9723 = 38691 (the server), 0x9232 = 37426 (a client socket), 0xA9D3 = 43475 (someone else's).
        assertThat(SocketDrops.parse(UDP6, Set.of(38691))).isEqualTo(60408);
        assertThat(SocketDrops.parse(UDP6, Set.of(37426, 38691))).isEqualTo(68358);
        assertThat(SocketDrops.parse(UDP6, Set.of(1))).isZero();
    }

    @Test
    void skipsTheHeaderAndBlankLines() {
        assertThat(SocketDrops.parse("  sl  local_address rem\n\n", Set.of(38691))).isZero();
    }
}
