package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.TestDatabase;

/**
 * DALI 4.5: what PostgreSQL refuses because of the query itself is the client's error (400, with
 * words the client can act on); only the service's own faults are 500. Errors come from the
 * real database.
 */
class SqlErrorsTest {

    private static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aGeometryComputedOutOfRangeIsTheQuerysFaultWithPgspheresWords() {
        TapException error = failure("SELECT scircle(spoint(0, 0), radians(100))");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("geometry").contains("radius must be not greater than 90 degrees");
    }

    @Test
    void aPolygonPgsphereCannotBuildIsTheQuerysFaultWhateverPgsphereFunctionSaysSo() {
        TapException error = failure("SELECT spoly '{(0, 0), (0, 0), (0.1, 0.1)}'");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("more than two points needed");
    }

    /** The translator's guard in front of pgsphere's polygon aggregate (adql-translator's PgsphereGuards). */
    @Test
    void aPolygonVertexTheGuardRefusesIsTheQuerysFaultNamingTheVertex() {
        TapException error = failure("SELECT tap_schema.tap_polygon(CAST(ARRAY[0, 0, 10, 'NaN', 5, 5] AS double precision[]))");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("POLYGON vertex 2 is not a finite position (10, NaN)");
    }

    @Test
    void aJoinPostgresqlCannotPlanIsTheQuerysFaultWithPostgresqlsWords() {
        TapException error = failure("SELECT * FROM generate_series(1, 2) a FULL JOIN generate_series(1, 2) b ON a > b");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("FULL JOIN");
    }

    @Test
    void branchesOfACaseThatAreDifferentShapesAreTheQuerysFaultNamingTheTypes() {
        TapException error = failure("SELECT CASE WHEN random() < 2 THEN scircle(spoint(0, 0), 0.1)"
                + " ELSE spoly '{(0, 0), (0.1, 0), (0.1, 0.1)}' END");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("do not fit together").contains("scircle").contains("spoly");
    }

    @Test
    void aQueryBeyondALimitOfTheDatabaseIsTheQuerysFaultNamingTheLimit() {
        TapException error = failure("SELECT " + "1, ".repeat(1700) + "1");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("at most 1664 entries");
    }

    @Test
    void aDivisionByZeroIsAFailureOnTheData() {
        TapException error = failure("SELECT 1 / 0");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("division by zero");
    }

    @Test
    void anInternalErrorOfTheDatabaseIsTheServicesFaultAndKeepsItsDetailsToItself() {
        TapException error = failure("SELECT nonesuch_function()");

        assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE_FAILURE);
        assertThat(error.getMessage()).contains("SQLSTATE 42883").doesNotContain("nonesuch_function");
    }

    private static TapException failure(String sql) {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.executeQuery(sql);
            }
        });
        assertThat((Throwable) refused).as("PostgreSQL refuses %s", sql).isNotNull();
        return SqlErrors.toTapException(refused);
    }
}
