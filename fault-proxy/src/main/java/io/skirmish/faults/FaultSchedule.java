package io.skirmish.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A timeline of named actions on a run: "at 20 s, 50±20 ms and 5 % loss to the game servers",
 * "at 40 s, partition Redis", "at 45 s, heal". Built once, then driven by a {@link ScheduleRunner}.
 */
public final class FaultSchedule {

    /** One step: what to do, and when, counted from the start of the run. */
    public record Step(Duration at, String name, Runnable action) {
        public Step {
            if (at.isNegative()) {
                throw new IllegalArgumentException("step " + name + " at a negative offset: " + at);
            }
        }
    }

    private final List<Step> steps = new ArrayList<>();

    /** Adds a step; steps run in time order, steps at the same offset in the order added. */
    public FaultSchedule at(Duration offset, String name, Runnable action) {
        steps.add(new Step(offset, name, action));
        return this;
    }

    /** Sets a link's profile at the offset. */
    public FaultSchedule apply(Duration offset, String name, FaultControl link, FaultProfile profile) {
        return at(offset, name + ": " + profile, () -> link.apply(profile));
    }

    /** A partition of the link from {@code offset} for {@code length}, then healed. */
    public FaultSchedule partition(Duration offset, Duration length, String name, FaultControl link) {
        at(offset, name + ": partition", link::partition);
        return at(offset.plus(length), name + ": heal", link::heal);
    }

    List<Step> steps() {
        List<Step> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparing(Step::at));
        return ordered;
    }

    /** When the last step runs. */
    public Duration length() {
        return steps.stream().map(Step::at).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }
}
