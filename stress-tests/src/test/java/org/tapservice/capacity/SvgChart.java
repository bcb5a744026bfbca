package org.tapservice.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * A line chart as an SVG document, so that the report's markdown shows its figures as plots
 * where it is read (a browser, a Git forge), with no plotting tool to install. The x axis is
 * logarithmic, as every series here doubles or multiplies by ten from step to step (users,
 * rows, jobs), with a tick at each measured x; the y axis is linear from zero or, for
 * latencies that span decades, logarithmic.
 *
 * @param title  above the plot
 * @param xLabel under the x axis
 * @param yLabel beside the y axis
 * @param logY   whether the y axis is logarithmic
 * @param series the lines, each with its legend entry
 */
record SvgChart(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {

    /** One line: points (x, y), drawn in x order; points with y not positive are left out on a log axis. */
    record Series(String name, List<double[]> points) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 220;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f"};

    String svg() {
        List<double[]> all = series.stream().flatMap(s -> s.points().stream())
                .filter(p -> p[0] > 0 && Double.isFinite(p[1]) && (!logY || p[1] > 0)).toList();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0 - RIGHT / 2.0, 20, "middle", "font-size=\"14\"", title);
        if (all.isEmpty()) {
            text(svg, WIDTH / 2.0, HEIGHT / 2.0, "middle", "", "no data");
            return svg.append("</svg>\n").toString();
        }
        TreeSet<Double> xs = new TreeSet<>(all.stream().map(p -> p[0]).toList());
        double yMax = all.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        double yMin = all.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double xLow = Math.log(xs.first());
        double xSpan = Math.max(Math.log(xs.last()) - xLow, 1e-9);
        DoubleUnaryOperator x = v -> LEFT + plotWidth * (xs.size() == 1 ? 0.5 : (Math.log(v) - xLow) / xSpan);
        List<Double> yTicks = new ArrayList<>();
        DoubleUnaryOperator y;
        if (logY) {
            double low = Math.floor(Math.log10(yMin));
            double high = Math.max(Math.ceil(Math.log10(yMax)), low + 1);
            for (double e = low; e <= high; e++) {
                yTicks.add(Math.pow(10, e));
            }
            y = v -> TOP + plotHeight * (1 - (Math.log10(v) - low) / (high - low));
        } else {
            double step = niceStep(yMax / 5);
            double top = Math.max(step, Math.ceil(yMax / step) * step);
            for (double t = 0; t <= top + step / 2; t += step) {
                yTicks.add(t);
            }
            y = v -> TOP + plotHeight * (1 - v / top);
        }
        for (double tick : yTicks) {
            double ty = y.applyAsDouble(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, LEFT + plotWidth, ty, ty));
            text(svg, LEFT - 6, ty + 4, "end", "", number(tick));
        }
        for (double tick : xs) {
            double tx = x.applyAsDouble(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    tx, tx, TOP, TOP + plotHeight));
            text(svg, tx, TOP + plotHeight + 16, "middle", "", number(tick));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                + " stroke=\"#333\"/>%n", LEFT, TOP, plotWidth, plotHeight));
        text(svg, LEFT + plotWidth / 2, HEIGHT - 10, "middle", "", xLabel);
        text(svg, 14, TOP + plotHeight / 2, "middle",
                String.format(Locale.ROOT, "transform=\"rotate(-90 14 %.1f)\"", TOP + plotHeight / 2), yLabel);
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            List<double[]> points = series.get(i).points().stream()
                    .filter(p -> p[0] > 0 && Double.isFinite(p[1]) && (!logY || p[1] > 0))
                    .sorted((a, b) -> Double.compare(a[0], b[0])).toList();
            StringBuilder line = new StringBuilder();
            for (double[] p : points) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p[0]), y.applyAsDouble(p[1])));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        x.applyAsDouble(p[0]), y.applyAsDouble(p[1]), colour));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", line.toString().strip(), colour));
            double ly = TOP + 10 + 18 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", WIDTH - RIGHT + 12, WIDTH - RIGHT + 32, ly, ly, colour));
            text(svg, WIDTH - RIGHT + 36, ly + 4, "start", "", series.get(i).name());
        }
        return svg.append("</svg>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double nice : new double[] {1, 2, 5, 10}) {
            if (nice * power >= rough) {
                return nice * power;
            }
        }
        return 10 * power;
    }

    private static String number(double value) {
        if (value >= 1_000_000 && value % 1_000_000 == 0) {
            return (long) (value / 1_000_000) + "M";
        }
        if (value >= 1000 && value % 1000 == 0) {
            return (long) (value / 1000) + "k";
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y,
                anchor, attributes, text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }
}
