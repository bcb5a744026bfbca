package org.tapservice.api.security;

import org.springframework.security.core.AuthenticationException;

/** Credentials of a kind the service does not take: refused, never read as "anonymous". */
final class UnacceptedCredentials extends AuthenticationException {

    UnacceptedCredentials(String message) {
        super(message);
    }
}
