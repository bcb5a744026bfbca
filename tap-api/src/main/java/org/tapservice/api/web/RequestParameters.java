package org.tapservice.api.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.uws.Parameter;

/** What the web layer reads from a servlet request in DALI's terms. */
public final class RequestParameters {

    private RequestParameters() {
    }

    /**
     * Query-string, form-encoded and multipart parameters alike: the servlet container merges
     * all three into one parameter map.
     */
    public static DaliParameters of(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, list) -> values.put(name, Arrays.asList(list)));
        return DaliParameters.of(values);
    }

    /**
     * Every parameter in the order the client sent it, names as sent: what a UWS job keeps as
     * its parameter list.
     */
    public static List<Parameter> inOrder(HttpServletRequest request) {
        List<Parameter> parameters = new ArrayList<>();
        request.getParameterMap().forEach((name, list) -> {
            for (String value : list) {
                parameters.add(Parameter.of(name, value));
            }
        });
        return parameters;
    }

    /**
     * The service's base URL as the client sees it: X-Forwarded-Proto/Host/Port/Prefix have
     * already been applied to the request by Spring's ForwardedHeaderFilter.
     */
    public static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
