package org.tapservice.votable;

import java.util.Objects;

/**
 * A VOTable INFO element in the results RESOURCE, e.g. the query echoed back.
 *
 * @param content  element text, or null for an empty element
 */
public record Info(String name, String value, String content) {

    public Info {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
    }

    public Info(String name, String value) {
        this(name, value, null);
    }
}
