package org.tapservice.api.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tapservice.core.dali.DaliParameters;

/** What the web layer reads from a servlet request in DALI's terms. */
final class RequestParameters {

    private RequestParameters() {
    }

    /**
     * Query-string, form-encoded and multipart parameters alike: the servlet container merges
     * all three into one parameter map.
     */
    static DaliParameters of(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, list) -> values.put(name, Arrays.asList(list)));
        return DaliParameters.of(values);
    }

    /**
     * The service's base URL as the client sees it: X-Forwarded-Proto/Host/Port/Prefix have
     * already been applied to the request by Spring's ForwardedHeaderFilter.
     */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
