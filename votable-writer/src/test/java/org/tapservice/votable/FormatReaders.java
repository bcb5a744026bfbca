package org.tapservice.votable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import uk.ac.starlink.fits.FitsTableBuilder;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.formats.CsvTableBuilder;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * Reads a written result back as a client would, with STIL's reader for each format; HTML, which
 * STIL does not read, with an XML parser (the page is well-formed XML), and TSV by splitting
 * lines. Shared with tap-core's tests through this module's test jar.
 */
public final class FormatReaders {

    private FormatReaders() {
    }

    /** The result as STIL reads it; {@code format} is the writer's first short name. */
    public static StarTable read(String format, byte[] bytes) throws IOException {
        return switch (format) {
            case "votable", "votable/td", "votable/b", "votable/b2" -> stil(bytes, new VOTableBuilder());
            case "csv" -> stil(bytes, csv(','));
            case "tsv" -> tsv(bytes);
            case "fits" -> stil(bytes, new FitsTableBuilder());
            case "parquet" -> parquet(bytes);
            case "html" -> html(bytes);
            default -> throw new IllegalArgumentException("no reader for " + format);
        };
    }

    /** Every row, each copied (STIL's row sequences reuse their arrays). */
    public static List<Object[]> rows(StarTable table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RowSequence sequence = table.getRowSequence()) {
            while (sequence.next()) {
                rows.add(sequence.getRow().clone());
            }
        }
        return rows;
    }

    private static StarTable stil(byte[] bytes, uk.ac.starlink.table.TableBuilder builder) throws IOException {
        return new StarTableFactory(true).makeStarTable(new ByteArrayDataSource("result", bytes), builder.getFormatName());
    }

    /** STIL reads Parquet from files only: the table is copied to memory and the file removed. */
    private static StarTable parquet(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("result-", ".parquet");
        try {
            Files.write(file, bytes);
            StarTable table = new StarTableFactory(true).makeStarTable(file.toString(), "parquet");
            return StoragePolicy.PREFER_MEMORY.copyTable(table);
        } finally {
            Files.delete(file);
        }
    }

    private static CsvTableBuilder csv(char delimiter) {
        CsvTableBuilder builder = new CsvTableBuilder();
        builder.setDelimiter(delimiter);
        builder.setHasHeader(true);
        return builder;
    }

    /**
     * IANA TSV, read by splitting lines at TABs: it has no quoting, so STIL's CSV reader, which
     * would take a double quote in a value for one, is not a TSV reader. Every cell is a String.
     */
    static StarTable tsv(byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        ColumnInfo[] columns = Arrays.stream(lines.getFirst().split("\t", -1))
                .map(name -> new ColumnInfo(name, String.class, null)).toArray(ColumnInfo[]::new);
        RowListStarTable read = new RowListStarTable(columns);
        for (String line : lines.subList(1, lines.size())) {
            read.addRow(Arrays.stream(line.split("\t", -1)).map(cell -> cell.isEmpty() ? null : cell).toArray());
        }
        return read;
    }

    /** The page's table: the header cells' text (without the unit) as names, every cell a String. */
    static StarTable html(byte[] bytes) throws IOException {
        Document page = parse(bytes);
        Element table = (Element) page.getElementsByTagName("table").item(0);
        NodeList headers = table.getElementsByTagName("th");
        ColumnInfo[] columns = new ColumnInfo[headers.getLength()];
        for (int i = 0; i < columns.length; i++) {
            String name = headers.item(i).getTextContent().replaceFirst(" \\[.*\\]$", "");
            columns[i] = new ColumnInfo(name, String.class, ((Element) headers.item(i)).getAttribute("title"));
        }
        RowListStarTable read = new RowListStarTable(columns);
        NodeList rows = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        for (int r = 0; r < rows.getLength(); r++) {
            NodeList cells = ((Element) rows.item(r)).getElementsByTagName("td");
            Object[] row = new Object[cells.getLength()];
            for (int c = 0; c < row.length; c++) {
                String text = cells.item(c).getTextContent();
                row[c] = text.isEmpty() ? null : text;
            }
            read.addRow(row);
        }
        return read;
    }

    static Document parse(byte[] bytes) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed: " + e.getMessage(), e);
        }
    }
}
