package org.tapservice.core.tap;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.upload.UploadParameter;

/**
 * Reads the parameters of a TAP 1.1 query (section 2.3): LANG, QUERY, REQUEST, MAXREC,
 * RESPONSEFORMAT or FORMAT, RUNID, UPLOAD. Unknown parameters are ignored, as TAP requires.
 */
public final class QueryRequestParser {

    /** LANG values this service runs; the version suffix follows TAP 1.1 section 2.3.1. */
    private static final Set<String> ADQL_LANGUAGES = Set.of("ADQL", "ADQL-2.0", "ADQL-2.1");

    private final OutputLimits limits;

    public QueryRequestParser(OutputLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public QueryRequest parse(DaliParameters parameters) {
        checkRequest(parameters.get("REQUEST"));
        checkLanguage(parameters.get("LANG"));
        String query = parameters.get("QUERY")
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> TapException.invalid("missing parameter: QUERY (the ADQL query to run)"));
        Optional<String> format = parameters.get("RESPONSEFORMAT").or(() -> parameters.get("FORMAT"))
                .filter(text -> !text.isBlank());
        return new QueryRequest(query, limits.maxrec(parameters.get("MAXREC")), format, parameters.get("RUNID"),
                UploadParameter.parse(parameters.getAll("UPLOAD")));
    }

    private static void checkRequest(Optional<String> request) {
        // TAP 1.1 dropped REQUEST, but TAP 1.0 clients still send REQUEST=doQuery.
        request.filter(value -> !value.equals("doQuery")).ifPresent(value -> {
            throw TapException.invalid("unsupported REQUEST value '" + value + "': only doQuery is supported");
        });
    }

    private static void checkLanguage(Optional<String> lang) {
        String value = lang.orElseThrow(() -> TapException.invalid("missing parameter: LANG (use LANG=ADQL)"));
        if (!ADQL_LANGUAGES.contains(value.toUpperCase(Locale.ROOT))) {
            throw TapException.invalid("unknown query language '" + value + "': this service supports LANG=ADQL "
                    + "(ADQL-2.0 and ADQL-2.1)");
        }
    }
}
