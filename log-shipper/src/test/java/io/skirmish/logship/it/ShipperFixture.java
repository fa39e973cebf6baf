package io.skirmish.logship.it;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.logship.LogShipper;
import io.skirmish.logship.LogShipperConfig;
import io.skirmish.logship.sink.ElasticsearchConnection;
import io.skirmish.testkit.process.ElasticsearchEndpoint;
import io.skirmish.testkit.process.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/** An in-process shipper with its own clients and registry, on names private to one test. */
public final class ShipperFixture implements AutoCloseable {

    public final LogShipperConfig config;
    public final UnifiedJedis redis;
    public final ElasticsearchConnection elasticsearch;
    public final MeterRegistry registry = new SimpleMeterRegistry();
    public final LogShipper shipper;

    public ShipperFixture(LogShipperConfig config) {
        this.config = config;
        this.redis = RedisConnector.open(config.redis(), "test-" + config.consumerName(), Duration.ofSeconds(2));
        this.elasticsearch = new ElasticsearchConnection(config.elasticsearch(), Duration.ofSeconds(30));
        this.shipper = new LogShipper(config, redis, elasticsearch, registry).start();
    }

    /** Defaults, with the stream, dead-letter stream, group and index prefix all derived from {@code name}. */
    public static LogShipperConfig config(String name, String consumer, RedisEndpoint redis,
                                          ElasticsearchEndpoint elasticsearch) {
        return LogShipperConfig.builder(consumer, RedisAddress.parse(redis.uri().toString()),
                        URI.create(elasticsearch.uri().toString()))
                .stream("it:" + name + ":events").deadLetterStream("it:" + name + ":dead").group("logship")
                .indexPrefix("it-" + name)
                .opsPort(0)
                .build();
    }

    public double counter(String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() throws java.io.IOException {
        shipper.close();
        elasticsearch.close();
        redis.close();
    }
}
