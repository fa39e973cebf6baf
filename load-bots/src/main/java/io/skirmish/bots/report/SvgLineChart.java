package io.skirmish.bots.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG line chart (no script, no external file): one x axis, several series,
 * an optional dashed goal line, optionally a dot at each point. Enough for reports people look at
 * in a browser or attach to an issue: the swarm's report over time, the benchmark's over load steps.
 */
public final class SvgLineChart {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 280;
    private static final int LEFT = 60;
    private static final int RIGHT = 120;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private final String title;
    private final String xLabel;
    private final double[] x;
    private final List<Series> series = new ArrayList<>();
    private double goal = Double.NaN;
    private String goalLabel = "";
    private boolean markPoints;

    private record Series(String name, String color, double[] y) {
    }

    public SvgLineChart(String title, String xLabel, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.x = x.clone();
    }

    public SvgLineChart series(String name, String color, double[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("series " + name + " has " + y.length + " points, x has " + x.length);
        }
        series.add(new Series(name, color, y.clone()));
        return this;
    }

    public SvgLineChart goal(double value, String label) {
        this.goal = value;
        this.goalLabel = label;
        return this;
    }

    /**
     * A dot at every point, and x labels at the points instead of at quarters of the axis: for a
     * few measured steps (a benchmark's player counts) rather than a time series.
     */
    public SvgLineChart markPoints() {
        this.markPoints = true;
        return this;
    }

    public String render() {
        double minX = x.length == 0 ? 0 : x[0];
        double maxX = minX + 1;
        double maxY = Double.isFinite(goal) ? goal * 1.2 : 0;
        for (double v : x) {
            maxX = Math.max(maxX, v);
            minX = Math.min(minX, v);
        }
        for (Series s : series) {
            for (double v : s.y) {
                if (Double.isFinite(v)) {
                    maxY = Math.max(maxY, v * 1.1);
                }
            }
        }
        if (maxY <= 0) {
            maxY = 1;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double x0 = minX;
        double xSpan = maxX - minX;
        double ySpan = maxY;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (v - x0) / xSpan * plotW;
        java.util.function.DoubleUnaryOperator py = v -> TOP + plotH - v / ySpan * plotH;
        StringBuilder svg = new StringBuilder();
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">",
                WIDTH, HEIGHT));
        svg.append(fmt("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT,
                Figures.escapeHtml(title)));
        svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", LEFT, TOP + plotH,
                LEFT + plotW, TOP + plotH));
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>", LEFT, TOP, LEFT, TOP + plotH));
        for (int i = 0; i <= 4; i++) {
            double v = ySpan * i / 4;
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4,
                    py.applyAsDouble(v) + 4, Figures.format(v)));
        }
        double[] xTicks = markPoints ? x : new double[] {x0, x0 + xSpan / 4, x0 + xSpan / 2, x0 + xSpan * 3 / 4, maxX};
        for (double t : xTicks) {
            svg.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", px.applyAsDouble(t),
                    TOP + plotH + 14, Figures.format(t)));
        }
        svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + plotW / 2, HEIGHT - 6,
                Figures.escapeHtml(xLabel)));
        if (Double.isFinite(goal)) {
            double goalY = py.applyAsDouble(goal);
            svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#2a2\" stroke-dasharray=\"5,4\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" fill=\"#2a2\">%s</text>", LEFT, goalY, LEFT + plotW, goalY,
                    LEFT + plotW + 4, goalY + 4, Figures.escapeHtml(goalLabel)));
        }
        int legend = 0;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(s.y[i])) {
                    points.append(fmt("%.1f,%.1f ", px.applyAsDouble(x[i]), py.applyAsDouble(s.y[i])));
                    if (markPoints) {
                        svg.append(fmt("<circle r=\"3\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\"/>", s.color,
                                px.applyAsDouble(x[i]), py.applyAsDouble(s.y[i])));
                    }
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.color).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", LEFT + plotW + 4, TOP + 12 + 14 * legend++,
                    s.color, Figures.escapeHtml(s.name)));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
