package org.tapservice.core;

/**
 * The classes of failure DALI 1.1 (section 4.5.2) distinguishes, each with the HTTP status a
 * synchronous response carries.
 */
public enum ErrorKind {
    /** The request breaks the protocol or asks for something invalid: the client can fix it. */
    INVALID_REQUEST(400),
    /** A resource (table, job, result) that does not exist. */
    NOT_FOUND(404),
    /**
     * A valid request beyond the caller's quota (jobs queued, results stored, request rate):
     * 429, which clients take as "not now", with the limit in the message.
     */
    OVER_QUOTA(429),
    /** A valid request the service cannot run now (database down, limits reached). */
    UNAVAILABLE(503),
    /** A valid request the service failed to complete. */
    SERVICE_FAILURE(500);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
