package org.tapservice.api.admin;

/** The command line itself is wrong; the usage text follows the message. */
public final class UsageException extends AdminException {

    public UsageException(String message) {
        super(message);
    }
}
