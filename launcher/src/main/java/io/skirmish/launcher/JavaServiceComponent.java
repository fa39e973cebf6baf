package io.skirmish.launcher;

import io.skirmish.testkit.process.JavaServiceSpec;
import io.skirmish.testkit.process.JavaServiceProcess;
import java.nio.file.Path;
import java.util.List;

/**
 * A Skirmish server as a stack component: a {@link JavaServiceProcess} plus the address clients
 * use, which only the server's own wiring knows (its TCP port, say), hence a parameter.
 */
public final class JavaServiceComponent implements StackComponent {
    private final JavaServiceProcess process;
    private final String address;

    public JavaServiceComponent(JavaServiceSpec spec, Path workDir, String address) {
        this.process = new JavaServiceProcess(spec, workDir);
        this.address = address;
    }

    @Override
    public String name() {
        return process.spec().name();
    }

    @Override
    public void start() {
        process.start();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String details() {
        return "ready: " + process.spec().readyUrl();
    }

    @Override
    public List<Path> logs() {
        return List.of(process.logFile());
    }

    @Override
    public List<String> whereToLook() {
        String ready = process.spec().readyUrl().toString();
        return ready.endsWith("/ready")
                ? List.of("metrics: " + ready.substring(0, ready.length() - "/ready".length()) + "/metrics")
                : List.of();
    }

    @Override
    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void stop() {
        process.stop();
    }
}
