package io.skirmish.kit.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Default ids of process instances (registry ids, consumer names): the host name, reduced to
 * characters every key and metric tag accepts, so an operator can tell where an id runs.
 */
public final class InstanceIds {

    private InstanceIds() {
    }

    /** The host name, or {@code fallback} when it is unknown or has no usable character. */
    public static String host(String fallback) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
        } catch (UnknownHostException e) {
            host = fallback;
        }
        return host.isEmpty() ? fallback : host;
    }

    /** {@code <host>-<8 random hex>}: unique across restarts and across instances on one host. */
    public static String hostWithRandomSuffix(String fallback) {
        return host(fallback) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
