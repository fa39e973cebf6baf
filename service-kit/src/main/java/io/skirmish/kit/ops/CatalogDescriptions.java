package io.skirmish.kit.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every meter the help text of its {@link MetricCatalog} row, replacing whatever the
 * registering code said, so that {@code # HELP} on {@code /metrics} and the operations guide's
 * table say the same thing. Meters absent from the catalog keep their own description.
 */
final class CatalogDescriptions implements MeterFilter {

    private final MetricCatalog catalog;

    CatalogDescriptions(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        return catalog.byMeter(id.getName())
                .filter(entry -> !entry.meaning().equals(id.getDescription()))
                .map(entry -> new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), entry.meaning(), id.getType()))
                .orElse(id);
    }
}
