package io.skirmish.kit.ops;

import java.lang.management.ManagementFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Builds the one registry a process owns. Every meter carries {@code service} and
 * {@code instance} tags so a dashboard can split by process without per-meter code; JVM and
 * CPU meters are bound so that "CPU per service" needs no extra exporter. Help text comes from
 * the {@link MetricCatalog}.
 *
 * <p>Two of Micrometer's processor meters are renamed to pass {@code promtool check metrics}:
 * {@code process.cpu.time} (nanoseconds, exported as {@code process_cpu_time_ns_total}) becomes
 * {@code process.cpu} in seconds, the {@code process_cpu_seconds_total} every Prometheus client
 * exports, and {@code system.cpu.count} (a gauge must not end in {@code _count}) becomes
 * {@code system.cpu.cores}. "CPU busy" is then {@code rate(process_cpu_seconds_total[1m]) /
 * system_cpu_cores}, the share of the cores the JVM may use (its container limit in Kubernetes).
 */
public final class MeterRegistries {

    private MeterRegistries() {
    }

    public static PrometheusMeterRegistry prometheus(String service, String instance) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(renamed("system.cpu.count", "system.cpu.cores"))
                .meterFilter(new CatalogDescriptions(MetricCatalog.standard()))
                .commonTags("service", service, "instance", instance);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindProcessCpuSeconds(registry);
        // JvmGcMetrics keeps a notification listener; it lives as long as the registry.
        new JvmGcMetrics().bindTo(registry);
        return registry;
    }

    private static void bindProcessCpuSeconds(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds").register(registry);
        }
    }

    private static MeterFilter renamed(String from, String to) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals(from) ? id.withName(to) : id;
            }
        };
    }
}
