package io.skirmish.game.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skirmish.kit.log.RateLimitedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SilenceWatchTest {

    private static final long SILENCE_NS = TimeUnit.SECONDS.toNanos(3);

    private final SessionDirectory directory = new SessionDirectory();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final long[] now = {10_000_000_000L};
    private final SilenceWatch watch = new SilenceWatch(directory, () -> now[0], SILENCE_NS, new NetMetrics(registry),
            RateLimitedLog.perMinute(LoggerFactory.getLogger(SilenceWatchTest.class)));

    @Test
    void tellsTheTcpSideOfASilentConnectionOnceAndLeavesTheOthers() {
        Recorder silentSide = new Recorder();
        Recorder talkingSide = new Recorder();
        UdpConnection silent = connection(1, silentSide);
        UdpConnection talking = connection(2, talkingSide);
        now[0] += SILENCE_NS + 1;
        talking.heard(now[0]);

        assertThat(watch.sweep()).isEqualTo(1);
        assertThat(watch.sweep()).isZero();

        assertThat(silentSide.events).containsExactly(SilenceWatch.SILENT);
        assertThat(talkingSide.events).isEmpty();
        assertThat(registry.get("game.net.connections.silenced").counter().count()).isEqualTo(1);
        assertThat(silent.silent(now[0], SILENCE_NS)).isTrue();
    }

    @Test
    void aConnectionHeardWithinTheSilenceIsKept() {
        Recorder side = new Recorder();
        connection(1, side);
        now[0] += SILENCE_NS;

        assertThat(watch.sweep()).isZero();
        assertThat(side.events).isEmpty();
    }

    private UdpConnection connection(long id, Recorder tcpSide) {
        EmbeddedChannel tcp = new EmbeddedChannel(tcpSide);
        UdpConnection connection = new UdpConnection(id, new SecretKeySpec(new byte[32], "AES"), null, 0, "p" + id, tcp,
                InetAddress.getLoopbackAddress(), now[0]);
        directory.addConnection(connection);
        return connection;
    }

    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }
    }
}
