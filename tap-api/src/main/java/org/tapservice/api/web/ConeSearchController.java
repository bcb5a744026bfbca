package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.config.ConeSearchProperties;
import org.tapservice.core.TapException;
import org.tapservice.core.query.QueryFailedException;
import org.tapservice.core.scs.ConeSearch;
import org.tapservice.core.scs.ConeSearchRequest;
import org.tapservice.core.scs.ConeSearchTable;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.uws.Parameter;
import org.tapservice.votable.VOTableErrorDocument;

/**
 * Simple Cone Search 1.1 on a published table: /scs/{table}?RA=..&DEC=..&SR=.. (GET, or POST as
 * 1.1 allows). Faults are answered with the cone search error document, which has the Error INFO
 * cone search clients look for as well as DALI's QUERY_STATUS.
 */
@RestController
public class ConeSearchController {

    /** Where the cone searches are, under the base URL: /scs/{table}. */
    public static final String PATH = "/scs";

    private static final Logger log = LoggerFactory.getLogger(ConeSearchController.class);

    private final ConeSearch coneSearch;
    private final OutputLimits limits;
    private final ConeSearchProperties properties;

    public ConeSearchController(ConeSearch coneSearch, OutputLimits limits, ConeSearchProperties properties) {
        this.coneSearch = requireNonNull(coneSearch, "coneSearch is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    @RequestMapping(path = PATH + "/{table}", method = {RequestMethod.GET, RequestMethod.POST})
    public void search(@PathVariable String table, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ConeSearchTable searched = coneSearch.table(table);
        List<String> names = RequestParameters.inOrder(request).stream().map(Parameter::id).toList();
        ConeSearchRequest cone = ConeSearchRequest.parse(RequestParameters.of(request), names, limits,
                properties.maxRadius());
        try {
            coneSearch.search(searched, cone, Optional.of(LinksController.descriptorsForThisRequest()),
                    ResponseSink.of(response));
        } catch (QueryFailedException e) {
            log.warn("cone search failed while streaming: {}", e.getMessage());
            if (!e.isMarkedInDocument()) {
                throw e;
            }
        }
    }

    /** SCS 1.1 section 2, item 3: the error document, with the status DALI gives the fault. */
    @ExceptionHandler(TapException.class)
    public void fault(TapException e, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            log.warn("cannot report a cone search error, the response is under way: {}", e.getMessage());
            return;
        }
        response.reset();
        response.setStatus(e.kind().httpStatus());
        response.setContentType(VOTableErrorDocument.MIME_TYPE);
        VOTableErrorDocument.writeConeSearch(e.getMessage(), response.getOutputStream());
    }
}
