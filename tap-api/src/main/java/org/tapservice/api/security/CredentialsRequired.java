package org.tapservice.api.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with an Authorization header that no authentication filter accepted (a scheme
 * the service does not take, such as a bearer token where only Basic is configured) is
 * refused: a client that meant to authenticate must not silently become anonymous, whose
 * jobs it would then neither list nor keep to itself.
 */
final class CredentialsRequired extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy contexts;
    private final AuthenticationEntryPoint challenge;

    CredentialsRequired(SecurityContextHolderStrategy contexts, AuthenticationEntryPoint challenge) {
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.challenge = requireNonNull(challenge, "challenge is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && contexts.getContext().getAuthentication() == null) {
            String scheme = authorization.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            challenge.commence(request, response, new UnacceptedCredentials("this service does not accept '"
                    + scheme + "' credentials"));
            return;
        }
        chain.doFilter(request, response);
    }
}
