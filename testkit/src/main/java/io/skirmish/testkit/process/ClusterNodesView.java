package io.skirmish.testkit.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One node's view of the cluster, parsed from its {@code CLUSTER NODES} reply: who is master,
 * who is failed, who serves which slot. Pure parsing, so it is tested without a server.
 *
 * @param nodes every line of the reply, in its order
 */
public record ClusterNodesView(List<Node> nodes) {

    /**
     * One line: {@code <id> <ip:port@cport> <flags> <master id|-> <ping> <pong> <epoch> <link> <slots...>}.
     *
     * @param port     client port
     * @param flags    {@code myself}, {@code master}, {@code slave}, {@code fail}, {@code fail?}, ...
     * @param masterId the master's id for a replica, {@code -} for a master
     * @param slots    served ranges as {@code [first, last]} pairs (importing/migrating markers skipped)
     */
    public record Node(String id, int port, Set<String> flags, String masterId, List<int[]> slots) {
        public boolean master() {
            return flags.contains("master");
        }

        /** Marked failed by a majority ({@code fail}), not merely suspected ({@code fail?}). */
        public boolean failed() {
            return flags.contains("fail");
        }

        public boolean serves(int slot) {
            for (int[] range : slots) {
                if (slot >= range[0] && slot <= range[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    public static ClusterNodesView parse(String reply) {
        List<Node> nodes = new ArrayList<>();
        for (String line : reply.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split(" ");
            if (fields.length < 8) {
                throw new IllegalArgumentException("CLUSTER NODES line with " + fields.length + " fields: " + trimmed);
            }
            String address = fields[1];
            int colon = address.lastIndexOf(':');
            int at = address.indexOf('@', colon);
            int port = Integer.parseInt(address.substring(colon + 1, at < 0 ? address.length() : at));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue;
                }
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                slots.add(new int[] {first, last});
            }
            nodes.add(new Node(fields[0], port, Set.of(fields[2].split(",")), fields[3], List.copyOf(slots)));
        }
        return new ClusterNodesView(List.copyOf(nodes));
    }

    /** The master this view says serves {@code slot}, if any (a failed master still listed counts: check {@link Node#failed()}). */
    public Optional<Node> masterOf(int slot) {
        return nodes.stream().filter(node -> node.master() && node.serves(slot)).findFirst();
    }

    public Optional<Node> byPort(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst();
    }

    /** The replicas of the master with id {@code masterId}. */
    public List<Node> replicasOf(String masterId) {
        return nodes.stream().filter(node -> masterId.equals(node.masterId())).toList();
    }
}
