package org.tapservice.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.query.ArchiveSession;
import org.tapservice.core.query.ExecutionSettings;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaCatalog;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.testing.UploadedBytes;
import org.tapservice.votable.ResultFormats;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * TAP 1.1 section 3.3.5 on the real database: an uploaded table is queried as TAP_UPLOAD.name,
 * alone or joined with the published tables, in whatever format and serialization it came, and
 * bad uploads are refused with a message that says what is wrong.
 */
class TableUploadsTest {

    private static final UploadLimits LIMITS = new UploadLimits(200_000, 50, 12, 3);

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static QueryEngine engine;

    @BeforeAll
    static void createCatalogue() {
        database = TestDatabase.create();
        SampleCatalogue.install(database);
        // the pool is smaller than the number of failing uploads some tests send: a failure must
        // hand its connection back clean, or the next query would wait for one
        archive = database.archive(Duration.ofSeconds(30));
        engine = new QueryEngine(archive, new AdqlTranslator(), new CatalogCache(
                new TapSchemaLoader(database.dataSource()), Duration.ofMinutes(1), Clock.systemUTC()),
                ResultFormats.standard(), new ExecutionSettings(3),
                new TableUploads(LIMITS, new RemoteTableFetcher(TestUploads.REMOTE)));
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    private static StarTable query(String adql, String uploads, Map<String, UploadedBytes> parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        engine.execute(new QueryRequest(adql, 1000, Optional.empty(), Optional.empty(),
                UploadParameter.parse(List.of(uploads))), UploadedBytes.parts(parts), type -> body,
                QueryControl.sessionDefaults());
        return new StarTableFactory(false).makeStarTable(new ByteArrayInputStream(body.toByteArray()),
                new VOTableBuilder());
    }

    private static List<Object[]> rows(StarTable table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RowSequence sequence = table.getRowSequence()) {
            while (sequence.next()) {
                rows.add(sequence.getRow());
            }
        }
        return rows;
    }

    private static void assertRefused(String adql, String uploads, Map<String, UploadedBytes> parts, String message) {
        assertThatThrownBy(() -> query(adql, uploads, parts))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(message);
    }

    // ---- reading --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"TABLEDATA", "BINARY", "BINARY2", "FITS"})
    void aVOTableInAnySerializationIsQueriedAsTapUploadDotName(String serialization) throws IOException {
        DataFormat format = switch (serialization) {
            case "TABLEDATA" -> DataFormat.TABLEDATA;
            case "BINARY" -> DataFormat.BINARY;
            case "BINARY2" -> DataFormat.BINARY2;
            default -> DataFormat.FITS;
        };
        StarTable result = query("SELECT id, ra, dec FROM TAP_UPLOAD.t ORDER BY id", "t,param:t",
                Map.of("t", UploadedBytes.votable(UploadedBytes.positions(), format)));

        assertThat(rows(result)).extracting(row -> row[0]).containsExactly(100, 105, 109, 999);
        assertThat(result.getColumnInfo(1).getUnitString()).isEqualTo("deg");
        assertThat(result.getColumnInfo(1).getUCD()).isEqualTo("pos.eq.ra");
        assertThat(result.getColumnInfo(1).getDescription()).isEqualTo("column ra");
    }

    @Test
    void aCsvUploadIsReadWithTypesFoundFromItsValues() throws IOException {
        UploadedBytes csv = UploadedBytes.text("""
                id,ra,dec,name,seen,ok
                1,10.1234567,-5,"Vega, alpha Lyr",2020-01-02T03:04:05,true
                2,11.5,6.25,,2021-06-30,false
                """, "text/csv");

        StarTable result = query("SELECT id, ra, dec, name, seen, ok FROM TAP_UPLOAD.c ORDER BY id", "c,param:c",
                Map.of("c", csv));

        List<Object[]> rows = rows(result);
        assertThat(rows.get(0)).containsExactly(1, 10.1234567, -5.0, "Vega, alpha Lyr", "2020-01-02T03:04:05.000", true);
        assertThat(rows.get(1)[1]).isEqualTo(11.5);
        assertThat(rows.get(1)[3]).isNull();
        assertThat(rows.get(1)[4]).isEqualTo("2021-06-30T00:00:00.000");
        assertThat(result.getColumnInfo(4).getXtype()).isEqualTo("timestamp");
    }

    @Test
    void aCsvUploadIsNeverReadAsVOTableWhateverItsFirstCellHolds() throws IOException {
        UploadedBytes csv = UploadedBytes.text("<VOTABLE>,n\n<TABLE>,1\n", "text/csv");

        StarTable result = query("SELECT * FROM TAP_UPLOAD.c", "c,param:c", Map.of("c", csv));

        assertThat(result.getColumnInfo(0).getName()).isEqualTo("<VOTABLE>");
        assertThat(rows(result).getFirst()).containsExactly("<TABLE>", 1);
    }

    @Test
    void aFitsBinaryTableIsRead() throws IOException {
        StarTable result = query("SELECT id, dec FROM TAP_UPLOAD.f WHERE ra < 11 ORDER BY id", "f,param:f",
                Map.of("f", UploadedBytes.fits(UploadedBytes.positions())));

        assertThat(rows(result)).extracting(row -> row[0]).containsExactly(100, 105, 109);
    }

    @Test
    void anUploadWithoutAMediaTypeIsRecognisedByItsBytes() throws IOException {
        Map<String, UploadedBytes> parts = Map.of(
                "v", UploadedBytes.votable(UploadedBytes.positions(), DataFormat.BINARY2).untyped(),
                "f", UploadedBytes.fits(UploadedBytes.positions()).untyped(),
                "c", UploadedBytes.text("id\n100\n105\n", "application/octet-stream"));

        StarTable result = query("""
                SELECT v.id FROM TAP_UPLOAD.v AS v JOIN TAP_UPLOAD.f AS f ON f.id = v.id
                JOIN TAP_UPLOAD.c AS c ON c.id = v.id ORDER BY v.id""", "v,param:v;f,param:f;c,param:c", parts);

        assertThat(rows(result)).extracting(row -> row[0]).containsExactly(100, 105);
    }

    @Test
    void uploadedPositionsAreCrossmatchedWithAPublishedTable() throws IOException {
        StarTable result = query("""
                SELECT u.id, s.id AS source FROM TAP_UPLOAD.pos AS u JOIN science.sources AS s
                ON 1 = CONTAINS(POINT('ICRS', u.ra, u.dec), CIRCLE('ICRS', s.ra, s.dec, 0.01))
                ORDER BY u.id""", "pos,param:list",
                Map.of("list", UploadedBytes.votable(UploadedBytes.positions(), DataFormat.BINARY2)));

        assertThat(rows(result)).extracting(row -> row[0] + "=" + row[1]).containsExactly("100=0", "105=5", "109=9");
    }

    @Test
    void aDaliPointColumnIsAGeometryQueriesCanMatchAndSelect() throws IOException {
        ColumnStarTable table = ColumnStarTable.makeTableWithRows(2);
        table.addColumn(ArrayColumn.makeColumn("name", new String[] {"near 3", "nowhere"}));
        ColumnInfo pos = new ColumnInfo("pos", double[].class, "a position");
        pos.setShape(new int[] {2});
        pos.setXtype("point");
        pos.setUnitString("deg");
        table.addColumn(ArrayColumn.makeColumn(pos, new double[][] {{10.3001, 10.0}, {0, -90}}));

        StarTable result = query("""
                SELECT u.name, u.pos, s.id FROM TAP_UPLOAD.p AS u JOIN science.sources AS s
                ON 1 = CONTAINS(u.pos, CIRCLE(s.ra, s.dec, 0.001))""", "p,param:p",
                Map.of("p", UploadedBytes.votable(table, DataFormat.TABLEDATA)));

        Object[] row = rows(result).getFirst();
        assertThat(row[0]).isEqualTo("near 3");
        assertThat((double[]) row[1]).containsExactly(new double[] {10.3001, 10.0},
                offset(1e-12));
        assertThat(row[2]).isEqualTo(3L);
        assertThat(result.getColumnInfo(1).getXtype()).isEqualTo("point");
    }

    @Test
    void everyColumnTypeComesBackWithItsValuesNullsAndMetadata() throws IOException {
        ColumnStarTable table = ColumnStarTable.makeTableWithRows(2);
        table.addColumn(ArrayColumn.makeColumn("b", new Boolean[] {true, null}));
        table.addColumn(ArrayColumn.makeColumn("s", new Short[] {(short) -7, null}));
        table.addColumn(ArrayColumn.makeColumn("i", new Integer[] {123456, null}));
        table.addColumn(ArrayColumn.makeColumn("l", new Long[] {1L << 40, null}));
        table.addColumn(ArrayColumn.makeColumn("f", new float[] {1.1f, Float.NaN}));
        table.addColumn(ArrayColumn.makeColumn("d", new double[] {Math.PI, Double.NaN}));
        // a VOTable written by STIL declares text char, which VOTable keeps to ASCII
        table.addColumn(ArrayColumn.makeColumn("txt", new String[] {"tab\there \\ \"quoted\" ~", null}));
        ColumnInfo time = new ColumnInfo("t", String.class, null);
        time.setXtype("timestamp");
        table.addColumn(ArrayColumn.makeColumn(time, new String[] {"2000-01-01T12:00:00.5", null}));
        ColumnInfo vector = new ColumnInfo("v", int[].class, null);
        vector.setShape(new int[] {-1});
        table.addColumn(ArrayColumn.makeColumn(vector, new int[][] {{1, 2, 3}, null}));

        StarTable result = query("SELECT * FROM TAP_UPLOAD.all_types", "all_types,param:x",
                Map.of("x", UploadedBytes.votable(table, DataFormat.BINARY2)));

        List<Object[]> rows = rows(result);
        assertThat(rows.get(0)).containsExactly(true, (short) -7, 123456, 1L << 40, 1.1f, Math.PI,
                "tab\there \\ \"quoted\" ~", "2000-01-01T12:00:00.500", new int[] {1, 2, 3});
        assertThat(rows.get(1)[0]).isNull();
        assertThat(rows.get(1)[2]).isNull();
        assertThat((Float) rows.get(1)[4]).isNaN();
        assertThat(rows.get(1)[6]).isNull();
        assertThat(rows.get(1)[8]).isNull();
        assertThat(result.getColumnInfo(7).getXtype()).isEqualTo("timestamp");
        assertThat(result.getColumnInfo(8).getContentClass()).isEqualTo(int[].class);
    }

    @Test
    void theQueryRunsReadOnlyAndTheTemporaryTablesGoWithItsTransaction() throws Exception {
        TableUploads uploads = new TableUploads(LIMITS, new RemoteTableFetcher(TestUploads.REMOTE));
        try (Connection connection = archive.getConnection();
             FetchedUploads fetched = uploads.fetch(UploadParameter.parse(List.of("t,param:t")),
                     UploadedBytes.parts(Map.of("t", UploadedBytes.votable(UploadedBytes.positions(),
                             DataFormat.TABLEDATA))))) {
            connection.setAutoCommit(false);
            uploads.load(connection, fetched, new TapSchemaCatalog(
                    new TapSchemaLoader(database.dataSource()).load()));

            assertThat(single(connection, "SHOW transaction_read_only")).isEqualTo("on");
            assertThat(single(connection, "SELECT count(*) FROM pg_temp.tap_upload_1")).isEqualTo("4");
            assertThatThrownBy(() -> single(connection, "CREATE TABLE science.written (x int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
            connection.rollback();
            connection.commit();
            assertThat(single(connection, "SELECT count(*) FROM pg_class WHERE relname = 'tap_upload_1' "
                    + "AND relnamespace = pg_my_temp_schema()")).isEqualTo("0");
        }
    }

    @Test
    void aTableWithoutRowsIsATableWithoutRows() throws IOException {
        ColumnStarTable empty = ColumnStarTable.makeTableWithRows(0);
        empty.addColumn(ArrayColumn.makeColumn("ra", new double[0]));

        StarTable result = query("SELECT ra FROM TAP_UPLOAD.e", "e,param:e",
                Map.of("e", UploadedBytes.votable(empty, DataFormat.BINARY2)));

        assertThat(result.getColumnInfo(0).getName()).isEqualTo("ra");
        assertThat(rows(result)).isEmpty();
    }

    @Test
    void anArchiveRoleWithSelectAndTemporaryOnlyCanRunUploads() throws Exception {
        String role = "tap_reader_" + Long.toHexString(System.nanoTime());
        String db = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
        database.execute("CREATE ROLE " + role + " LOGIN; GRANT CONNECT, TEMPORARY ON DATABASE " + db + " TO " + role
                + "; GRANT USAGE ON SCHEMA science TO " + role + "; GRANT SELECT ON science.sources TO " + role);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(role);
        config.setMaximumPoolSize(1);
        config.addDataSourceProperty("options", ArchiveSession.options(Duration.ofSeconds(30)));
        try (HikariDataSource restricted = new HikariDataSource(config)) {
            QueryEngine restrictedEngine = new QueryEngine(restricted, new AdqlTranslator(), new CatalogCache(
                    new TapSchemaLoader(database.dataSource()), Duration.ofMinutes(1), Clock.systemUTC()),
                    ResultFormats.standard(), new ExecutionSettings(3), TestUploads.standard());
            ByteArrayOutputStream body = new ByteArrayOutputStream();

            restrictedEngine.execute(new QueryRequest("""
                    SELECT u.id FROM TAP_UPLOAD.t AS u JOIN science.sources AS s
                    ON 1 = CONTAINS(POINT(u.ra, u.dec), CIRCLE(s.ra, s.dec, 0.01))""", 1000, Optional.of("csv"),
                    Optional.empty(), UploadParameter.parse(List.of("t,param:t"))),
                    UploadedBytes.parts(Map.of("t", UploadedBytes.votable(UploadedBytes.positions(),
                            DataFormat.TABLEDATA))), type -> body, QueryControl.sessionDefaults());

            assertThat(body.toString(StandardCharsets.UTF_8).lines()).hasSize(4);
        } finally {
            database.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    // ---- limits ---------------------------------------------------------------------------------

    @Test
    void moreRowsThanTheLimitAreRefused() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i <= LIMITS.maxRows(); i++) {
            csv.append(i).append('\n');
        }
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", UploadedBytes.text(csv.toString(),
                "text/csv")), "upload 't' has more than 50 rows, this service's limit");
    }

    @Test
    void moreColumnsThanTheLimitAreRefused() {
        String header = String.join(",", IntStream.rangeClosed(1, 13).mapToObj(i -> "c" + i).toList());
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", UploadedBytes.text(header + "\n"
                + "1,".repeat(12) + "1\n", "text/csv")), "upload 't' has 13 columns; this service accepts at most 12");
    }

    @Test
    void moreBytesThanTheLimitAreRefused() {
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", UploadedBytes.text(
                "n\n" + "1\n".repeat(100_000), "text/csv")), "upload 't' has 200002 bytes; this service accepts at most 200000");
    }

    @Test
    void moreTablesThanTheLimitAreRefused() {
        UploadedBytes csv = UploadedBytes.text("n\n1\n", "text/csv");
        assertRefused("SELECT * FROM TAP_UPLOAD.a", "a,param:x;b,param:x;c,param:x;d,param:x", Map.of("x", csv),
                "UPLOAD names 4 tables; this service accepts at most 3");
    }

    // ---- bad input --------------------------------------------------------------------------------

    @Test
    void aTruncatedVOTableIsRefusedAsUnreadable() {
        UploadedBytes votable = UploadedBytes.votable(UploadedBytes.positions(), DataFormat.TABLEDATA);
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", votable.truncated(votable.bytes().length * 2 / 3)),
                "upload 't' is not a readable VOTable table:");
    }

    @Test
    void aCsvWithARaggedRowIsRefusedNamingTheRow() {
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", UploadedBytes.text("a,b,c\n1,2,3\n4,5\n", "text/csv")),
                "upload 't' is not a readable CSV table: Wrong number of columns at row 2");
    }

    @Test
    void aFileSentAsFitsThatIsNotFitsIsRefused() {
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", UploadedBytes.text("id,ra\n1,2\n", "application/fits")),
                "upload 't' is not a readable FITS table:");
    }

    @Test
    void anUploadNamingAPartTheRequestLacksIsRefused() {
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:nothere", Map.of(),
                "UPLOAD t,param:nothere names no part of the request");
    }

    @Test
    void aVOTableWhoseDataLiesElsewhereIsRefused() {
        String votable = """
                <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
                <FIELD name="x" datatype="int"/>
                <DATA><BINARY2><STREAM href="file:///etc/passwd"/></BINARY2></DATA></TABLE></RESOURCE></VOTABLE>""";
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", UploadedBytes.text(votable, "text/xml")),
                "a STREAM with an href");
    }

    @Test
    void aVOTableNeverReadsExternalEntities() throws IOException {
        String votable = """
                <?xml version="1.0"?>
                <!DOCTYPE VOTABLE [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
                <FIELD name="x" datatype="char" arraysize="*"/>
                <DATA><TABLEDATA><TR><TD>&secret;</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>""";

        StarTable result = query("SELECT x FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", UploadedBytes.text(votable, "text/xml")));

        assertThat(rows(result)).extracting(row -> row[0]).containsOnlyNulls();
    }

    @Test
    void twoColumnsOfTheSameNameAreRefused() {
        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", UploadedBytes.text("ra,RA\n1,2\n",
                "text/csv")), "upload 't' has two columns called 'RA'");
    }

    @Test
    void aPointOffTheSphereIsRefusedNamingRowAndColumn() {
        ColumnStarTable table = ColumnStarTable.makeTableWithRows(2);
        ColumnInfo pos = new ColumnInfo("pos", double[].class, null);
        pos.setShape(new int[] {2});
        pos.setXtype("point");
        table.addColumn(ArrayColumn.makeColumn(pos, new double[][] {{1, 2}, {10, 95}}));

        assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", UploadedBytes.votable(table, DataFormat.TABLEDATA)),
                "upload 't' row 2, column 'pos': (10.0, 95.0) is no position");
    }

    @Test
    void aFailedUploadLeavesTheConnectionsUsable() throws IOException {
        UploadedBytes ragged = UploadedBytes.text("a,b\n" + "1,2\n".repeat(40) + "3\n", "text/csv");
        for (int i = 0; i < 6; i++) {
            assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t", Map.of("t", ragged), "Wrong number of columns");
        }
        ColumnStarTable table = ColumnStarTable.makeTableWithRows(40);
        table.addColumn(ArrayColumn.makeColumn("n", new int[40]));
        ColumnInfo pos = new ColumnInfo("pos", double[].class, null);
        pos.setXtype("point");
        double[][] points = new double[40][];
        Arrays.fill(points, new double[] {1, 2});
        points[39] = new double[] {1, 91};
        table.addColumn(ArrayColumn.makeColumn(pos, points));
        for (int i = 0; i < 6; i++) {
            assertRefused("SELECT * FROM TAP_UPLOAD.t", "t,param:t",
                    Map.of("t", UploadedBytes.votable(table, DataFormat.BINARY2)), "is no position");
        }

        assertThat(rows(query("SELECT COUNT(*) AS n FROM TAP_UPLOAD.t", "t,param:t",
                Map.of("t", UploadedBytes.text("n\n1\n2\n", "text/csv"))))).extracting(row -> row[0]).containsExactly(2L);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
