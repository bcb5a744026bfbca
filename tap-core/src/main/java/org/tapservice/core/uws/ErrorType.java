package org.tapservice.core.uws;

import java.util.Locale;

/**
 * The two kinds of job failure UWS 1.1 distinguishes: FATAL (running the job again will fail
 * again) and TRANSIENT (it may succeed later, e.g. the database was unreachable).
 */
public enum ErrorType {
    FATAL,
    TRANSIENT;

    /** The value of the errorSummary's type attribute, which the schema spells in lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named by the text, ignoring case; unknown values are rejected. */
    public static ErrorType parse(String text) {
        if (text != null) {
            for (ErrorType type : values()) {
                if (type.name().equalsIgnoreCase(text.strip())) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown UWS error type '" + text + "': expected fatal or transient");
    }
}
