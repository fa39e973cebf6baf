package io.skirmish.logship.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each log file has been shipped: per file name its identity (inode) and the byte
 * offset after the last line Elasticsearch acknowledged. Saved to one small text file, written to
 * a temporary file and moved into place so a crash leaves the old or the new version, never half
 * of one. After a crash between the bulk answer and the save, the lines since the saved offset
 * are sent again; their document ids (inode and offset) make Elasticsearch keep one copy.
 *
 * <p>Used by the one log-file shipping thread only.
 */
final class LogFileCheckpoints {

    /** Where one file was left: its inode (a rotated or replaced file has another) and the offset. */
    record Position(String fileKey, long offset) {
    }

    private final Path file;
    private final Map<String, Position> positions = new HashMap<>();

    private LogFileCheckpoints(Path file) {
        this.file = file;
    }

    /** Reads {@code file} if it exists; lines it cannot read are skipped (those files restart at 0). */
    static LogFileCheckpoints load(Path file) throws IOException {
        LogFileCheckpoints checkpoints = new LogFileCheckpoints(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 3 && f[2].matches("\\d{1,18}")) {
                    checkpoints.positions.put(f[0], new Position(f[1], Long.parseLong(f[2])));
                }
            }
        }
        return checkpoints;
    }

    /** The offset to continue {@code name} from: 0 for a new, replaced or truncated file. */
    long offset(String name, String fileKey, long size) {
        Position position = positions.get(name);
        if (position == null || !position.fileKey().equals(fileKey) || position.offset() > size) {
            return 0;
        }
        return position.offset();
    }

    void advance(String name, String fileKey, long offset) {
        positions.put(name, new Position(fileKey, offset));
    }

    /** Forgets files that no longer exist, so the checkpoint does not grow with rotated names. */
    void retainOnly(List<String> names) {
        positions.keySet().retainAll(names);
    }

    void save() throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(positions).forEach((name, p) ->
                text.append(name).append('\t').append(p.fileKey()).append('\t').append(p.offset()).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
