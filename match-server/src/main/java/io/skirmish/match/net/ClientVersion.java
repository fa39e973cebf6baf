package io.skirmish.match.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client build's version as Semantic Versioning 2.0 orders it: {@code MAJOR.MINOR.PATCH},
 * optionally {@code -pre.release} (which sorts before the release: {@code 1.2.0-rc.1 < 1.2.0}),
 * optionally {@code +build} (ignored for ordering). Missing minor or patch numbers read as 0
 * ({@code 1.4} is {@code 1.4.0}), and a leading {@code v} is allowed, because real build
 * numbers come that way. Pure and immutable.
 *
 * @param major      major version
 * @param minor      minor version
 * @param patch      patch version
 * @param preRelease dot-separated pre-release identifiers, empty for a release
 */
public record ClientVersion(long major, long minor, long patch, List<String> preRelease)
        implements Comparable<ClientVersion> {

    private static final Pattern SEMVER = Pattern.compile(
            "v?(0|[1-9]\\d{0,8})(?:\\.(0|[1-9]\\d{0,8}))?(?:\\.(0|[1-9]\\d{0,8}))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public ClientVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** The version in {@code text}, or empty when it is not a semantic version. */
    public static Optional<ClientVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SEMVER.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        for (String id : pre) {
            if (numeric(id) && id.length() > 1 && id.charAt(0) == '0') {
                return Optional.empty(); // semver forbids leading zeros in numeric identifiers
            }
        }
        return Optional.of(new ClientVersion(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)), pre));
    }

    /** Parses a configured minimum; throws IllegalArgumentException naming the text. */
    public static ClientVersion require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "expected a semantic version such as 1.4.2 or 2.0.0-rc.1, got '" + text + "'"));
    }

    @Override
    public int compareTo(ClientVersion other) {
        int c = Long.compare(major, other.major);
        c = c != 0 ? c : Long.compare(minor, other.minor);
        c = c != 0 ? c : Long.compare(patch, other.patch);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty()); // a release sorts last
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    /** Numeric identifiers compare as numbers and sort before alphanumeric ones; others compare as ASCII. */
    private static int compareIdentifiers(String a, String b) {
        boolean na = numeric(a);
        boolean nb = numeric(b);
        if (na && nb) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean numeric(String id) {
        return !id.isEmpty() && id.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    @Override
    public String toString() {
        List<String> text = new ArrayList<>(List.of(major + "." + minor + "." + patch));
        if (!preRelease.isEmpty()) {
            text.add("-" + String.join(".", preRelease));
        }
        return String.join("", text);
    }
}
