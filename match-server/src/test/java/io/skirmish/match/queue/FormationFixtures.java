package io.skirmish.match.queue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.events.EventDoc;
import io.skirmish.match.rules.Candidate;
import io.skirmish.match.rules.FormationRules;
import io.skirmish.match.rules.Proposal;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Skill;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.token.ConnectTokenIssuer;
import io.skirmish.protocol.token.TokenKeyRing;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Configuration, tickets, proposals and recording ports shared by the formation stage tests. */
final class FormationFixtures {

    static final String INSTANCE = "mm-1";
    static final MatchKeys.Queue DUEL_EU = new MatchKeys.Queue(QueueMode.DUEL, "eu");
    static final MatchKeys.Queue DUEL_US = new MatchKeys.Queue(QueueMode.DUEL, "us");
    static final long NOW_MS = 1_800_000_000_000L;
    static final TokenKeyRing KEYS = TokenKeyRing.of(1, new byte[TokenKeyRing.MIN_SECRET_BYTES]);

    private FormationFixtures() {
    }

    static MatchmakerConfig config(String... regions) {
        Map<QueueMode, FormationRules> rules = new EnumMap<>(QueueMode.class);
        for (QueueMode mode : QueueMode.values()) {
            rules.put(mode, new FormationRules(Widening.parse("3:1:25"), Widening.parse("60:5:150"), 20_000));
        }
        return new MatchmakerConfig(INSTANCE, List.of(regions), rules, Duration.ofMillis(250), 4000, 2000,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(3),
                Duration.ofMinutes(10), 1, Duration.ofSeconds(2));
    }

    static Ticket solo(MatchKeys.Queue queue, String player, long enqueuedMs) {
        return new Ticket("t-" + player, queue, List.of(player), new Skill(25, 8), enqueuedMs, Map.of(), INSTANCE);
    }

    /** A duel of two solo tickets, the first on team 0. */
    static Proposal duel(Ticket first, Ticket second) {
        return proposal(first.queue(), first.candidate(), second.candidate());
    }

    static Proposal proposal(MatchKeys.Queue home, Candidate... groups) {
        int[] teams = new int[groups.length];
        Arrays.setAll(teams, i -> i);
        return new Proposal(home.region(), home.mode(), List.of(groups), teams, 0.9, 3.0, 1_000);
    }

    static ConnectTokenIssuer issuer() {
        return new ConnectTokenIssuer(KEYS, InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)), Duration.ofMinutes(10),
                new SecureRandom());
    }

    static MatchMetrics metrics() {
        return new MatchMetrics(new SimpleMeterRegistry());
    }

    /** Match ids m-1, m-2, ... in claim order. */
    static java.util.function.Supplier<String> sequentialIds() {
        int[] next = {0};
        return () -> "m-" + ++next[0];
    }

    /** Pushes as a list, in the order sent. */
    static final class RecordedPushes implements Pushes {
        final List<Push> sent = new CopyOnWriteArrayList<>();
        final List<Integer> batches = new CopyOnWriteArrayList<>();

        @Override
        public void push(String playerId, io.skirmish.protocol.match.v1.ServerMessage message) {
            sent.add(new Push(playerId, message));
        }

        @Override
        public void pushAll(List<Push> pushes) {
            batches.add(pushes.size());
            sent.addAll(pushes);
        }

        List<String> players() {
            return sent.stream().map(Push::playerId).toList();
        }
    }

    /** The players' queue index as a map: player -> ticket id. */
    static final class InMemoryPlayerIndex implements MatchmakerPorts.PlayerIndex {
        final Map<String, String> ticketOf = new HashMap<>();

        void enter(Ticket ticket) {
            ticket.playerIds().forEach(player -> ticketOf.put(player, ticket.id()));
        }

        final Map<String, String> matchedTicketOf = new HashMap<>();

        @Override
        public void settleAll(List<PlayerDirectory.Request> settled) {
            for (PlayerDirectory.Request request : settled) {
                request.players().forEach(player -> matchedTicketOf.put(player, request.entry().ticketId()));
            }
            releaseAll(settled);
        }

        @Override
        public void releaseAll(List<PlayerDirectory.Request> requests) {
            for (PlayerDirectory.Request request : requests) {
                request.players().forEach(player -> ticketOf.remove(player, request.entry().ticketId()));
            }
        }
    }

    /** Event documents as JSON text. */
    static final class RecordedEvents implements MatchmakerPorts.EventSink {
        final List<String> json = new ArrayList<>();

        @Override
        public synchronized void offer(EventDoc doc) {
            json.add(doc.json());
        }
    }
}
