package io.skirmish.logship.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the complete lines of a log file from an offset, at most {@code maxBytes} at a time: a
 * line still being written (no newline yet) is left for the next round, and a line longer than
 * the bound is cut there (its rest follows as the next line) so one runaway line cannot hold
 * the shipper.
 */
final class LogLines {

    /** One line, starting at {@code offset}. */
    record Line(long offset, String text) {
    }

    /** The lines read and the offset after the last complete one (where the next read starts). */
    record Batch(List<Line> lines, long endOffset) {
    }

    private LogLines() {
    }

    static Batch read(Path file, long offset, int maxBytes) throws IOException {
        List<Line> lines = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading until the buffer is full or the file ends
            }
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                add(lines, offset, bytes, start, i);
                start = i + 1;
            }
        }
        if (start == 0 && length == maxBytes) {
            add(lines, offset, bytes, 0, length);
            start = length;
        }
        return new Batch(lines, offset + start);
    }

    /** Adds the line {@code [from, to)} without its carriage return; blank lines are skipped. */
    private static void add(List<Line> lines, long base, byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        if (end > from) {
            lines.add(new Line(base + from, new String(bytes, from, end - from, StandardCharsets.UTF_8)));
        }
    }
}
