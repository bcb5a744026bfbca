package org.tapservice.core.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.tapservice.core.tap.QueryRequest;
import org.tapservice.votable.Info;

/**
 * The INFO elements a result carries after QUERY_STATUS, as DALI 1.1 section 5.4 allows: the
 * request echoed back (REQUEST, LANG, QUERY, MAXREC, RESPONSEFORMAT and RUNID as given), the
 * protocol, the version of this service and when the query ran, so that a saved result says
 * how it was made.
 */
public final class ResultInfos {

    /** This build's version, written into the jar by Maven; read once, never changed. */
    static final String SERVICE_VERSION = readVersion();

    private ResultInfos() {
    }

    static List<Info> of(QueryRequest request, Instant runAt) {
        List<Info> infos = new ArrayList<>();
        infos.add(new Info("REQUEST", "doQuery"));
        infos.add(new Info("LANG", "ADQL"));
        infos.add(new Info("QUERY", request.adql()));
        infos.add(new Info("MAXREC", Long.toString(request.maxrec())));
        request.responseFormat().ifPresent(format -> infos.add(new Info("RESPONSEFORMAT", format)));
        request.runId().ifPresent(runId -> infos.add(new Info("RUNID", runId)));
        infos.addAll(service("1.1", "ivo://ivoa.net/std/TAP", runAt));
        return List.copyOf(infos);
    }

    /**
     * The INFOs every result of this service ends its echo with: the protocol and its version
     * (DALI 1.1 section 5.4), this service's version and when the request ran.
     */
    public static List<Info> service(String protocolVersion, String standardId, Instant runAt) {
        return List.of(new Info("SERVICE_PROTOCOL", protocolVersion, standardId),
                new Info("SERVICE_VERSION", SERVICE_VERSION),
                new Info("REQUEST_DATE", runAt.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private static String readVersion() {
        try (InputStream in = ResultInfos.class.getResourceAsStream("/org/tapservice/core/service.properties")) {
            if (in == null) {
                throw new IllegalStateException("tap-core was built without its service.properties");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
