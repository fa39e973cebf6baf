package io.skirmish.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HAProxy's statistics as CSV ({@code /stats;csv}): per backend server, its health-check status
 * and how many connections it was given.
 */
final class HaproxyStats {

    record Server(String backend, String name, String status, long totalSessions) {
    }

    private HaproxyStats() {
    }

    /** The real servers of every backend (not the FRONTEND/BACKEND summary rows), by "backend/server". */
    static Map<String, Server> read(HttpClient http, URI csv) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(csv).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HAProxy stats answered " + response.statusCode() + ": " + response.body());
        }
        List<String> lines = response.body().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(","));
        int backend = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        int total = header.indexOf("stot");
        Map<String, Server> servers = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length <= total || f[server].equals("FRONTEND") || f[server].equals("BACKEND")) {
                continue;
            }
            servers.put(f[backend] + "/" + f[server], new Server(f[backend], f[server], f[status],
                    f[total].isEmpty() ? 0 : Long.parseLong(f[total])));
        }
        return servers;
    }
}
