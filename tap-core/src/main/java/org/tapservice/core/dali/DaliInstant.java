package org.tapservice.core.dali;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A timestamp parameter as DALI 1.1 section 3.3.3 writes it (ISO 8601 in UTC: a date, or a date
 * and time with optional fraction and optional trailing Z), read as an instant. An explicit
 * offset (+01:00) is accepted too: UWS clients send whatever their language prints.
 */
public final class DaliInstant {

    private DaliInstant() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the expected form
     */
    public static Instant parse(String text) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return LocalDateTime.parse(value.substring(0, value.length() - 1)).toInstant(ZoneOffset.UTC);
            }
            int time = value.indexOf('T');
            if (time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected an ISO 8601 date and time in UTC, such as "
                    + "2014-09-10T10:01:02.000Z; got '" + text + "'");
        }
    }
}
