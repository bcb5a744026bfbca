package org.tapservice.api.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.tapservice.api.web.ErrorResponses;

/**
 * 401 for every refused or missing authentication: a WWW-Authenticate challenge for each
 * method the service accepts (RFC 7235; for bearer tokens with RFC 6750's error), and a DALI
 * error document saying what was wrong, so that TAP clients show the reason to their user.
 */
final class Challenge implements AuthenticationEntryPoint {

    private final SecurityProperties settings;

    Challenge(SecurityProperties settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String realm = "realm=\"" + quotable(settings.realm()) + "\"";
        if (settings.accepts(SecurityProperties.Mode.JWT)) {
            String error = failure instanceof OAuth2AuthenticationException refused
                    ? ", error=\"" + refused.getError().getErrorCode() + "\", error_description=\""
                            + quotable(describe(refused)) + "\""
                    : "";
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + realm + error);
        }
        if (settings.accepts(SecurityProperties.Mode.BASIC)) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic " + realm + ", charset=\"UTF-8\"");
        }
        ErrorResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, message(failure));
    }

    private String message(AuthenticationException failure) {
        return switch (failure) {
            case OAuth2AuthenticationException refused -> "the bearer token was refused: " + describe(refused)
                    + "; get a new token from the identity provider";
            case InsufficientAuthenticationException missing -> "this resource needs authentication: " + accepted();
            case UnacceptedCredentials unaccepted -> unaccepted.getMessage() + "; " + accepted();
            case BadCredentialsException wrong -> "the user name or password is wrong";
            default -> "authentication failed: " + failure.getMessage();
        };
    }

    private String accepted() {
        boolean basic = settings.accepts(SecurityProperties.Mode.BASIC);
        boolean jwt = settings.accepts(SecurityProperties.Mode.JWT);
        return "send " + (basic && jwt ? "HTTP Basic credentials or a bearer token"
                : basic ? "HTTP Basic credentials" : "a bearer token") + " in the Authorization header";
    }

    private static String describe(OAuth2AuthenticationException refused) {
        String description = refused.getError().getDescription();
        return description == null || description.isBlank() ? refused.getError().getErrorCode() : description;
    }

    /** Text that can stand inside a quoted-string of a header without ending it. */
    private static String quotable(String text) {
        return text.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    }
}
