package io.skirmish.game.net;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skirmish.kit.net.ErrorCodeTags;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.udp.PacketStatus;

/**
 * The network's counters, registered once so that counting a packet is one lock-free add
 * (never a meter lookup on the hot path). Names follow {@code game.net.*}; the reasons are
 * the tags.
 */
public final class NetMetrics {

    private final MeterRegistry registry;
    private final Counter packetsReceived;
    private final Counter packetsSent;
    private final Counter bytesReceived;
    private final Counter bytesSent;
    private final Counter inputsAccepted;
    private final Counter snapshotsUnroutable;
    private final Counter snapshotsUnsent;
    private final Counter snapshotsStale;
    private final Counter snapshotsSilenced;
    private final Counter packetsForwarded;
    private final Counter endpointChanges;
    private final Counter connectionsSilenced;
    private final Map<PacketStatus, Counter> rejectedByStatus = new EnumMap<>(PacketStatus.class);
    private final Map<UdpDrop, Counter> rejectedByDrop = new EnumMap<>(UdpDrop.class);

    public NetMetrics(MeterRegistry registry) {
        this.registry = registry;
        packetsReceived = Counter.builder("game.net.packets.received").register(registry);
        packetsSent = Counter.builder("game.net.packets.sent").register(registry);
        bytesReceived = Counter.builder("game.net.received").baseUnit("bytes").register(registry);
        bytesSent = Counter.builder("game.net.sent").baseUnit("bytes").register(registry);
        inputsAccepted = Counter.builder("game.net.inputs").description("inputs handed to the tick loop")
                .register(registry);
        snapshotsUnroutable = Counter.builder("game.net.snapshots.unroutable")
                .description("snapshots for a connection that closed or has not sent a packet yet")
                .register(registry);
        snapshotsUnsent = Counter.builder("game.net.snapshots.unsent")
                .description("snapshots the UDP socket refused (send buffer full or send error): dropped, not queued")
                .register(registry);
        snapshotsStale = Counter.builder("game.net.snapshots.stale")
                .description("snapshots dropped because the sender reached their tick too late (newer ones were queued)")
                .register(registry);
        snapshotsSilenced = Counter.builder("game.net.snapshots.silenced")
                .description("snapshots not sent because their connection sent no authentic packet within the silence")
                .register(registry);
        packetsForwarded = Counter.builder("game.net.packets.forwarded")
                .description("datagrams that reached another UDP socket than their connection's receiver and were handed to it")
                .register(registry);
        endpointChanges = Counter.builder("game.net.endpoint.changes")
                .description("connections whose authentic packets came from a new port of the TCP peer's address (NAT rebinding)")
                .register(registry);
        connectionsSilenced = Counter.builder("game.net.connections.silenced")
                .description("connections closed for UDP silence; their slot enters the reconnect grace")
                .register(registry);
        for (PacketStatus status : PacketStatus.values()) {
            if (status != PacketStatus.OK) {
                rejectedByStatus.put(status, rejected(status.metricTag()));
            }
        }
        for (UdpDrop drop : UdpDrop.values()) {
            rejectedByDrop.put(drop, rejected(drop.tag()));
        }
    }

    private Counter rejected(String reason) {
        return Counter.builder("game.net.packets.rejected").tag("reason", reason)
                .description("datagrams dropped, by reason").register(registry);
    }

    public void received(int bytes) {
        packetsReceived.increment();
        bytesReceived.increment(bytes);
    }

    public void sent(int bytes) {
        packetsSent.increment();
        bytesSent.increment(bytes);
    }

    public void rejected(PacketStatus status) {
        rejectedByStatus.get(status).increment();
    }

    public void rejected(UdpDrop drop) {
        rejectedByDrop.get(drop).increment();
    }

    public void inputAccepted() {
        inputsAccepted.increment();
    }

    public void snapshotUnroutable() {
        snapshotsUnroutable.increment();
    }

    public void snapshotUnsent() {
        snapshotsUnsent.increment();
    }

    public void snapshotStale() {
        snapshotsStale.increment();
    }

    public void snapshotSilenced() {
        snapshotsSilenced.increment();
    }

    public void forwarded() {
        packetsForwarded.increment();
    }

    public void endpointChanged() {
        endpointChanges.increment();
    }

    public void connectionSilenced() {
        connectionsSilenced.increment();
    }

    /** A TCP request refused with {@code code} (rare: looked up on use). */
    public void tcpRejected(ErrorCode code) {
        registry.counter("game.net.tcp.rejected", "reason", ErrorCodeTags.tag(code)).increment();
    }

    public double rejectedCount(PacketStatus status) {
        return rejectedByStatus.get(status).count();
    }

    public double rejectedCount(UdpDrop drop) {
        return rejectedByDrop.get(drop).count();
    }
}
