package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalStackTest {
    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final StackConsole console = new StackConsole(new PrintStream(output, true, StandardCharsets.UTF_8), Path.of("/"));
    private final StopSignal stopSignal = new StopSignal();

    @Test
    void startsInOrderAndStopsInReverseOrder() {
        LocalStack stack = stack(new Fake("redis"), new Fake("elasticsearch"), new Fake("game-server"));

        stack.start();
        stack.stopAll("test");

        assertThat(events).containsExactly("start redis", "record redis", "start elasticsearch", "record elasticsearch",
                "start game-server", "record game-server", "stop game-server", "stop elasticsearch", "stop redis",
                "record stop");
        assertThat(printed()).contains("redis ready on fake://redis (", "game-server stopped (", "everything stopped.");
    }

    @Test
    void failedStartStopsWhatAlreadyRunsAndNothingAfterIt() {
        Fake broken = new Fake("elasticsearch");
        broken.failOnStart = true;
        LocalStack stack = stack(new Fake("redis"), broken, new Fake("game-server"));

        assertThatThrownBy(stack::start).isInstanceOf(LocalStack.StartFailed.class)
                .satisfies(e -> assertThat(((LocalStack.StartFailed) e).stopRequested).isFalse());

        assertThat(events).containsExactly("start redis", "record redis", "start elasticsearch", "stop elasticsearch",
                "stop redis", "record stop");
        assertThat(printed()).contains("elasticsearch failed after", "boom from elasticsearch");
    }

    @Test
    void stopAllIsIdempotent() {
        LocalStack stack = stack(new Fake("redis"));
        stack.start();
        stack.stopAll("first");
        stack.stopAll("second, from the shutdown hook");

        assertThat(events).containsExactly("start redis", "record redis", "stop redis", "record stop");
    }

    @Test
    void stopRequestedBeforeStartStartsNothing() {
        stopSignal.request("SIGINT");
        LocalStack stack = stack(new Fake("redis"));

        assertThatThrownBy(stack::start).isInstanceOf(LocalStack.StartFailed.class)
                .satisfies(e -> assertThat(((LocalStack.StartFailed) e).stopRequested).isTrue());
        assertThat(events).isEmpty();
    }

    @Test
    void runEndsWhenTheDurationElapses() {
        LocalStack stack = stack(new Fake("redis"));
        stack.start();

        assertThat(stack.awaitEnd(Optional.of(Duration.ofMillis(50)), false)).isEqualTo(LocalStack.Outcome.DURATION_ELAPSED);
    }

    @Test
    void runEndsOnAStopRequest() {
        LocalStack stack = stack(new Fake("redis"));
        stack.start();
        stopSignal.request("SIGTERM");

        assertThat(stack.awaitEnd(Optional.empty(), false)).isEqualTo(LocalStack.Outcome.STOP_REQUESTED);
    }

    @Test
    void aServerThatDiesEndsTheRunAsACrash() {
        Fake server = new Fake("game-server");
        LocalStack stack = stack(new Fake("redis"), server);
        stack.start();
        server.running = false;

        assertThat(stack.awaitEnd(Optional.of(Duration.ofSeconds(30)), true)).isEqualTo(LocalStack.Outcome.CRASHED);
        assertThat(printed()).contains("game-server is no longer running; see /logs/game-server.log");
    }

    @Test
    void finishedSwarmEndsTheRunUnlessKeepRunning() {
        Fake swarm = new Fake("bot-swarm");
        swarm.finishesOnItsOwn = true;
        LocalStack stack = stack(new Fake("redis"), swarm);
        stack.start();
        swarm.running = false;

        assertThat(stack.awaitEnd(Optional.of(Duration.ofSeconds(30)), false)).isEqualTo(LocalStack.Outcome.FINISHED);
        assertThat(stack.awaitEnd(Optional.of(Duration.ofMillis(1500)), true)).isEqualTo(LocalStack.Outcome.DURATION_ELAPSED);
        assertThat(printed()).contains("bot-swarm finished; the rest keeps running (--keep-running)");
    }

    @Test
    void printsDurationsForPeople() {
        assertThat(StackConsole.human(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(StackConsole.human(Duration.ofMinutes(5))).isEqualTo("5 min");
    }

    private LocalStack stack(Fake... components) {
        return new LocalStack(List.of(components), console, stopSignal, System::nanoTime, name -> events.add("record " + name));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private final class Fake implements StackComponent {
        private final String name;
        boolean failOnStart;
        boolean finishesOnItsOwn;
        volatile boolean running;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
            if (failOnStart) {
                throw new IllegalStateException("boom from " + name);
            }
            running = true;
        }

        @Override
        public String address() {
            return "fake://" + name;
        }

        @Override
        public List<Path> logs() {
            return List.of(Path.of("/logs/" + name + ".log"));
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public void stop() {
            events.add("stop " + name);
            running = false;
        }

        @Override
        public boolean finishesOnItsOwn() {
            return finishesOnItsOwn;
        }
    }
}
