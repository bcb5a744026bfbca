package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A job belongs to the identity that created it. To everyone else, by every UWS verb, it is
 * a job that does not exist: 404 with the very answer a missing job gets, and nothing about it
 * changes. The job list shows each user their own jobs only, however it is filtered.
 */
class OwnershipTest extends SecuredService {

    private static final String QUERY = "SELECT id, ra, dec FROM science.sources";
    private static final String MISSING = "aaaaaaaaaaaaaaaaaaaa";

    private static final As ALICE = As.user("alice");

    private String pending;
    private String completed;

    /** One of alice's jobs never run, one finished with a result. */
    @BeforeAll
    void alicesJobs() throws Exception {
        pending = createJob(ALICE, "LANG", "ADQL", "QUERY", QUERY, "RUNID", "alices-run");
        completed = createJob(ALICE, "LANG", "ADQL", "QUERY", QUERY, "PHASE", "RUN");
        for (int i = 0; i < 12 && !phase(ALICE, completed).equals("COMPLETED"); i++) {
            get(ALICE, "/async/" + completed + "?WAIT=5");
        }
        assertThat(phase(ALICE, completed)).isEqualTo("COMPLETED");
    }

    /** Every UWS verb: the method, the resource below the job, and what is posted. */
    record Verb(String method, String resource, List<String> form) {

        @Override
        public String toString() {
            return method + " {job}" + resource + (form.isEmpty() ? "" : " " + form);
        }
    }

    static Stream<Verb> verbs() {
        return Stream.of(
                new Verb("GET", "", List.of()),
                new Verb("GET", "?WAIT=1", List.of()),
                new Verb("GET", "/phase", List.of()),
                new Verb("GET", "/executionduration", List.of()),
                new Verb("GET", "/destruction", List.of()),
                new Verb("GET", "/quote", List.of()),
                new Verb("GET", "/owner", List.of()),
                new Verb("GET", "/runId", List.of()),
                new Verb("GET", "/error", List.of()),
                new Verb("GET", "/parameters", List.of()),
                new Verb("GET", "/results", List.of()),
                new Verb("GET", "/results/result", List.of()),
                new Verb("GET", "/uploads/table.vot", List.of()),
                new Verb("POST", "", List.of("PHASE", "RUN")),
                new Verb("POST", "", List.of("ACTION", "DELETE")),
                new Verb("POST", "/phase", List.of("PHASE", "RUN")),
                new Verb("POST", "/phase", List.of("PHASE", "ABORT")),
                new Verb("POST", "/executionduration", List.of("EXECUTIONDURATION", "7")),
                new Verb("POST", "/destruction", List.of("DESTRUCTION", "2031-01-01T00:00:00Z")),
                new Verb("POST", "/parameters", List.of("QUERY", "SELECT 1 FROM science.sources")),
                new Verb("DELETE", "", List.of()));
    }

    static Stream<Arguments> othersAndVerbs() {
        List<As> others = List.of(As.user("bob"), As.basic("carol", CAROL_PASSWORD), As.ANONYMOUS);
        List<String> names = List.of("bob (token)", "carol (Basic)", "anonymous");
        return verbs().flatMap(verb -> Stream.of(0, 1, 2).map(i -> Arguments.of(names.get(i), others.get(i), verb)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("othersAndVerbs")
    void anotherCallerGetsWhatAMissingJobGets(String who, As other, Verb verb) throws Exception {
        for (String job : List.of(pending, completed)) {
            HttpResponse<String> answer = send(other, verb, job);
            HttpResponse<String> missing = send(other, verb, MISSING);

            assertError(answer, 404, "no job " + job);
            assertThat(answer.body()).isEqualTo(missing.body().replace(MISSING, job));
        }
    }

    @Test
    void nothingAnotherCallerSendsChangesTheJobs() throws Exception {
        String before = get(ALICE, "/async/" + pending).body();
        String finished = get(ALICE, "/async/" + completed).body();

        for (As other : List.of(As.user("bob"), As.basic("carol", CAROL_PASSWORD), As.ANONYMOUS)) {
            for (Verb verb : verbs().toList()) {
                send(other, verb, pending);
                send(other, verb, completed);
            }
        }

        assertThat(get(ALICE, "/async/" + pending).body()).isEqualTo(before);
        assertThat(get(ALICE, "/async/" + completed).body()).isEqualTo(finished);
        assertThat(get(ALICE, "/async/" + completed + "/results/result").statusCode()).isEqualTo(200);
    }

    @Test
    void theOwnerReachesTheJobAndItsResources() throws Exception {
        for (String resource : List.of("", "?WAIT=1", "/phase", "/executionduration", "/destruction", "/quote",
                "/owner", "/runId", "/parameters", "/results", "/results/result")) {
            assertThat(get(ALICE, "/async/" + completed + resource).statusCode()).as(resource).isEqualTo(200);
        }
        assertThat(get(ALICE, "/async/" + pending + "/runId").body()).isEqualTo("alices-run");
    }

    @Test
    void theJobListShowsEachUserTheirOwnJobsHoweverItIsFiltered() throws Exception {
        As bob = As.user("bob");
        String bobs = createJob(bob, "LANG", "ADQL", "QUERY", QUERY);

        for (String filter : List.of("", "?PHASE=PENDING", "?PHASE=COMPLETED", "?PHASE=PENDING&PHASE=COMPLETED",
                "?AFTER=2000-01-01T00:00:00Z", "?LAST=100", "?PHASE=PENDING&LAST=100&AFTER=2000-01-01T00:00:00Z")) {
            String alicesList = get(ALICE, "/async" + filter).body();
            String bobsList = get(bob, "/async" + filter).body();
            String anonymousList = get(As.ANONYMOUS, "/async" + filter).body();

            assertThat(bobsList).as(filter).doesNotContain(pending).doesNotContain(completed);
            assertThat(alicesList).as(filter).doesNotContain(bobs);
            assertThat(anonymousList).as(filter).doesNotContain(pending).doesNotContain(completed)
                    .doesNotContain(bobs);
        }
        assertThat(get(ALICE, "/async?PHASE=PENDING").body()).contains(pending).doesNotContain(completed);
        assertThat(get(ALICE, "/async?PHASE=COMPLETED").body()).contains(completed).doesNotContain(pending);
        assertThat(get(bob, "/async").body()).contains(bobs);
    }

    @Test
    void theSameUserByEitherMethodIsTheSameOwner() throws Exception {
        assertThat(get(As.basic("alice", ALICE_PASSWORD), "/async/" + pending + "/phase").body()).isEqualTo("PENDING");
    }

    private HttpResponse<String> send(As caller, Verb verb, String job) throws Exception {
        return send(caller, verb.method(), "/async/" + job + verb.resource(), verb.form().toArray(String[]::new));
    }

    private String phase(As caller, String job) throws Exception {
        return get(caller, "/async/" + job + "/phase").body();
    }
}
