package org.tapservice.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling HTML report, read back: one row per request name, group,
 * and "All Requests". Gatling keeps its own log in a binary form; the report's table is the
 * stable, documented view of the same figures.
 */
public final class GatlingReport {

    /** One row: counts, events per second, and response times in milliseconds. */
    public record Row(long total, long ok, long ko, double perSecond, long min, long p50, long p75, long p95,
            long p99, long max, long mean) {
    }

    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]*\"[^>]*>(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    private GatlingReport() {
    }

    public static Map<String, Row> read(Path report) throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).replace(",", "").trim());
            }
            rows.put(name.group(1).replace("&amp;", "&"), new Row(number(cells, 2), number(cells, 3), number(cells, 4),
                    Double.parseDouble(cells.getOrDefault(6, "0")), number(cells, 7), number(cells, 8),
                    number(cells, 9), number(cells, 10), number(cells, 11), number(cells, 12), number(cells, 13)));
        }
        return rows;
    }

    private static long number(Map<Integer, String> cells, int column) {
        String value = cells.getOrDefault(column, "0");
        return value.equals("-") ? 0 : Math.round(Double.parseDouble(value));
    }
}
