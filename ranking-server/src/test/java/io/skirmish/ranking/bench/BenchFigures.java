package io.skirmish.ranking.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** What the ranking benchmarks share: medians over rounds, the machine's load, positional arguments. */
final class BenchFigures {

    private BenchFigures() {
    }

    /** The median of {@code figure} over {@code rounds} (the mean of the middle two for an even count). */
    static <T> double median(List<T> rounds, ToDoubleFunction<T> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The 1-minute load average, printed beside every figure because this machine is often shared. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
