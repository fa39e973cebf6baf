package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterNodesViewTest {
    /** A 3+3 cluster seen from a replica after master :7001 was killed and :7004 took over. */
    private static final String AFTER_FAILOVER = """
            a1 127.0.0.1:7000@17000 master - 0 1700000000000 1 connected 0-5460
            b2 127.0.0.1:7001@17001 master,fail - 1700000000000 1700000000000 2 disconnected
            c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383
            d4 127.0.0.1:7003@17003 myself,slave a1 0 1700000000000 1 connected
            e5 127.0.0.1:7004@17004 master - 0 1700000000000 7 connected 5461-10922 [5500->-c3]
            f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 connected
            """;

    @Test
    void findsTheMasterServingASlot() {
        ClusterNodesView view = ClusterNodesView.parse(AFTER_FAILOVER);

        assertThat(view.masterOf(0).orElseThrow().port()).isEqualTo(7000);
        assertThat(view.masterOf(5461).orElseThrow().port()).isEqualTo(7004);
        assertThat(view.masterOf(16383).orElseThrow().port()).isEqualTo(7002);
    }

    @Test
    void aKilledMasterIsFailedAndServesNothing() {
        ClusterNodesView.Node killed = ClusterNodesView.parse(AFTER_FAILOVER).byPort(7001).orElseThrow();

        assertThat(killed.failed()).isTrue();
        assertThat(killed.master()).isTrue();
        assertThat(killed.slots()).isEmpty();
    }

    @Test
    void suspectedIsNotFailed() {
        ClusterNodesView view = ClusterNodesView.parse("a1 127.0.0.1:7000@17000 master,fail? - 0 0 1 connected 0-16383\n");

        assertThat(view.nodes().get(0).failed()).isFalse();
    }

    @Test
    void listsTheReplicasOfAMaster() {
        ClusterNodesView view = ClusterNodesView.parse(AFTER_FAILOVER);

        assertThat(view.replicasOf("a1")).extracting(ClusterNodesView.Node::port).containsExactly(7003);
        assertThat(view.replicasOf("e5")).isEmpty();
    }

    @Test
    void rejectsATruncatedLine() {
        assertThatThrownBy(() -> ClusterNodesView.parse("a1 127.0.0.1:7000@17000 master"))
                .hasMessageContaining("3 fields");
    }
}
