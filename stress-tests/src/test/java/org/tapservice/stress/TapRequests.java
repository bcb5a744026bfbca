package org.tapservice.stress;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Set;
import java.util.function.BiFunction;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The requests the scenarios are made of, as clients send them: a sync query, and an async job
 * created with PHASE=RUN, followed with blocking WAITs until it ends, and its result fetched.
 * Every response is checked: a query is OK only when its VOTable says QUERY_STATUS OK.
 */
final class TapRequests {

    static final String OK = "name=\"QUERY_STATUS\" value=\"OK\"";
    private static final Set<String> ACTIVE = Set.of("PENDING", "QUEUED", "EXECUTING", "HELD", "SUSPENDED");
    /** WAITs one job may take before the loop gives up: bounds the loop whatever the service does. */
    private static final int MAX_WAITS = 40;

    private TapRequests() {
    }

    static HttpProtocolBuilder protocol(Load load) {
        return http.baseUrl(load.url()).disableFollowRedirect().shareConnections()
                .userAgentHeader("tap-service stress tests");
    }

    /** A sync ADQL query whose text is the session attribute (or Gatling expression) {@code query}. */
    static HttpRequestActionBuilder sync(String name, String query, String format) {
        return syncRequest(name, query, format).check(status().is(200));
    }

    /** {@link #sync} without checks, for callers that expect more than one outcome. */
    static HttpRequestActionBuilder syncRequest(String name, String query, String format) {
        return http(name).post("/sync").formParam("LANG", "ADQL").formParam("REQUEST", "doQuery")
                .formParam("RESPONSEFORMAT", format).formParam("QUERY", query);
    }

    /**
     * One async job end to end, as a group named {@code name} whose time is the job's from
     * creation to its result's last byte. The job's URL is kept as {@code job} and its phase as
     * {@code phase}, so a scenario can do more with it (WAIT from many clients, abort).
     */
    static ChainBuilder asyncJob(String name, String query) {
        return group(name).on(exec(create(name, query)).exec(follow(name)));
    }

    /**
     * The job at {@code job}, just created, followed with WAITs until it ends, and its result
     * fetched: a job that does not complete fails the result's request.
     */
    static ChainBuilder follow(String name) {
        return exec(session -> session.set("phase", "QUEUED"))
                .asLongAs(session -> ACTIVE.contains(session.getString("phase")) && session.getInt("waits") < MAX_WAITS,
                        "waits").on(exec(waitForPhaseChange(name + ": wait")))
                .exec(http(name + ": result").get("#{job}/results/result").check(status().is(200), regex(OK).exists()));
    }

    static HttpRequestActionBuilder create(String name, String query) {
        return createRequest(name, query).check(status().is(303), header("Location").saveAs("job"));
    }

    /** {@link #create} without checks, for callers that expect more than one outcome. */
    static HttpRequestActionBuilder createRequest(String name, String query) {
        return http(name + ": create").post("/async").formParam("LANG", "ADQL").formParam("PHASE", "RUN")
                .formParam("QUERY", query);
    }

    /** For {@code checkIf}: the response has this status, so that the checks of that outcome apply. */
    static BiFunction<Response, Session, Boolean> answered(int status) {
        return (response, session) -> response.status().code() == status;
    }

    /** UWS 1.1's blocking WAIT: returns when the phase is no longer the one the client knows. */
    static HttpRequestActionBuilder waitForPhaseChange(String name) {
        return http(name).get("#{job}?WAIT=30&PHASE=#{phase}")
                .check(status().is(200), regex("<uws:phase>([A-Z]+)</uws:phase>").saveAs("phase"));
    }
}
