package io.skirmish.ranking.it;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.ranking.ingest.ConsumerConfig;
import io.skirmish.ranking.ingest.IngestMetrics;
import io.skirmish.ranking.ingest.ResultApplier;
import io.skirmish.ranking.ingest.ResultConsumer;
import io.skirmish.ranking.rating.PlackettLuce;
import io.skirmish.ranking.rating.RatingOptions;
import io.skirmish.ranking.season.SeasonInfo;
import io.skirmish.ranking.season.SeasonStore;
import io.skirmish.ranking.season.SoftReset;
import io.skirmish.ranking.store.RatingStore;
import redis.clients.jedis.UnifiedJedis;

/** One consumer as the server wires it, with its own meters, for tests that drive it directly. */
final class IngestStack {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RatingStore store;
    final ResultApplier applier;
    final ResultConsumer consumer;

    IngestStack(UnifiedJedis redis, ConsumerConfig config) {
        store = new RatingStore(redis, config.appliedTtl());
        store.loadScripts();
        applier = new ResultApplier(store, new SeasonStore(redis), new PlackettLuce(), Clock.systemUTC(),
                Duration.ofDays(8), Duration.ofDays(35), config.maxAttempts());
        consumer = new ResultConsumer(redis, applier, config, new IngestMetrics(registry), Clock.systemUTC(), System::nanoTime);
    }

    static void startFirstSeason(UnifiedJedis redis, String id) {
        new SeasonStore(redis).ensureStarted(new SeasonInfo(id, "", System.currentTimeMillis(),
                new SoftReset(RatingOptions.DEFAULT_MU, RatingOptions.DEFAULT_SIGMA, 0.5, 2.0)));
    }

    double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
