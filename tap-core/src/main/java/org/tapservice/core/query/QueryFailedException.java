package org.tapservice.core.query;

import java.io.IOException;

/**
 * The database failed while rows were being streamed. It is an IOException because it travels
 * through the writers' row loop; its message is safe to show to the user.
 */
public final class QueryFailedException extends IOException {

    public QueryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
