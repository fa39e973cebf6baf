package io.skirmish.bots.report;

import java.util.Locale;

/** Number formatting and escaping shared by the text, JSON and HTML reports. */
public final class Figures {

    private Figures() {
    }

    /** Compact: whole numbers without decimals from 10 up, two decimals below 100, "n/a" for NaN. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
    }

    /** 12345 as "12.3k", for the progress line. */
    public static String count(double value) {
        if (Math.abs(value) >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", value / 1_000_000);
        }
        if (Math.abs(value) >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    public static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
