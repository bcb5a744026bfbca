package org.tapservice.core.vosi;

/**
 * How a client may authenticate to an interface, as VOResource's securityMethod names it
 * with the IVOA single-sign-on identifiers.
 */
public enum SecurityMethod {

    /** HTTP Basic authentication. */
    BASIC_AA("ivo://ivoa.net/sso#BasicAA"),
    /** A bearer token in the Authorization header (an OAuth2/OIDC access token). */
    TOKEN("ivo://ivoa.net/sso#token");

    private final String standardId;

    SecurityMethod(String standardId) {
        this.standardId = standardId;
    }

    public String standardId() {
        return standardId;
    }
}
