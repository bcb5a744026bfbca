package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Users uploading their own list of positions (TAP_UPLOAD, multipart) and cross-matching it
 * against demo.stars within 36 arcseconds: every upload is parsed, loaded into a temporary
 * table and joined with the spatial index, concurrently. {@code -Drows} is the list's length.
 */
public class UploadSimulation extends Simulation {

    private static final String CROSSMATCH = "SELECT m.name, s.source_id, s.ra, s.dec FROM TAP_UPLOAD.mine AS m"
            + " JOIN demo.stars AS s ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', m.ra, m.dec, 0.01))";

    private final Load load = Load.fromSystemProperties(4, 1_000);
    private final String positions = Uploads.positions(Integer.getInteger("rows", 1_000));

    private final ScenarioBuilder users = scenario("upload and cross-match")
            .asLongAsDuring(session -> session.getInt("n") < load.requests(), load.duration(), "n").on(
                    http("upload cross-match").post("/sync").asMultipartForm()
                            .bodyPart(StringBodyPart("LANG", "ADQL"))
                            .bodyPart(StringBodyPart("UPLOAD", "mine,param:mine"))
                            .bodyPart(StringBodyPart("QUERY", CROSSMATCH))
                            .bodyPart(StringBodyPart("mine", StringBody(positions))
                                    .contentType("application/x-votable+xml").fileName("mine.xml"))
                            .check(status().is(200), regex(TapRequests.OK).exists()));

    {
        setUp(users.injectOpen(atOnceUsers(load.users())))
                .protocols(TapRequests.protocol(load))
                .maxDuration(load.maxDuration())
                .assertions(global().failedRequests().count().is(0L));
    }
}
