package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.config.DataLinkProperties;
import org.tapservice.core.datalink.DataLinkAnnotations;
import org.tapservice.core.datalink.LinksRequest;
import org.tapservice.core.datalink.LinksService;
import org.tapservice.core.tap.OutputLimits;

/** DataLink 1.1 {links}: the links of one or more identifiers (ID, repeated), with MAXREC and RESPONSEFORMAT. */
@RestController
public class LinksController {

    private final LinksService links;
    private final OutputLimits limits;

    public LinksController(LinksService links, OutputLimits limits) {
        this.links = requireNonNull(links, "links is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Service descriptors for /links as the client of the current request reaches it. */
    static DataLinkAnnotations descriptorsForThisRequest() {
        return new DataLinkAnnotations(RequestParameters.baseUrl() + DataLinkProperties.LINKS_PATH);
    }

    @RequestMapping(path = DataLinkProperties.LINKS_PATH, method = {RequestMethod.GET, RequestMethod.POST})
    public void links(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LinksRequest asked = LinksRequest.parse(RequestParameters.of(request), limits);
        links.write(asked, RequestParameters.baseUrl(), ResponseSink.of(response));
    }
}
