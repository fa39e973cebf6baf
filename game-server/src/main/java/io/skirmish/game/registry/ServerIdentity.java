package io.skirmish.game.registry;

/**
 * Who and where this game server is, as the registry advertises it.
 *
 * @param serverId        unique id (allocations and connect tokens name it)
 * @param publicHost      the address clients connect to
 * @param tcpPort         reliable channel port
 * @param udpPort         real-time channel port
 * @param region          the region queues match in
 * @param capacityPlayers most players it hosts at once
 * @param incarnation     this process's life under {@code serverId} ({@link Incarnation}): allocations
 *                        and lost-server aborts are per incarnation, so a restart under the same id
 *                        starts with no matches
 */
public record ServerIdentity(String serverId, String publicHost, int tcpPort, int udpPort, String region,
                             int capacityPlayers, String incarnation) {
}
