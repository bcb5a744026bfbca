package org.tapservice.core.query;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * DALI 1.1 timestamps: {@code YYYY-MM-DDThh:mm:ss} with the fraction of a second PostgreSQL
 * stored (milliseconds, or microseconds when it has them), in UTC without a zone designator.
 * Written by hand: java.time's formatter costs more than reading the value itself, and a
 * large result may carry millions of them.
 */
final class DaliTimestamp {

    private DaliTimestamp() {
    }

    static String format(LocalDateTime time) {
        StringBuilder text = new StringBuilder(26);
        date(text, time.toLocalDate());
        text.append('T');
        twoDigits(text, time.getHour()).append(':');
        twoDigits(text, time.getMinute()).append(':');
        twoDigits(text, time.getSecond());
        int micros = time.getNano() / 1000;
        if (micros % 1000 == 0) {
            digits(text.append('.'), micros / 1000, 3);
        } else {
            digits(text.append('.'), micros, 6);
        }
        return text.toString();
    }

    static String format(LocalDate date) {
        return date(new StringBuilder(10), date).toString();
    }

    private static StringBuilder date(StringBuilder text, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            // outside ISO 8601's four digits; java.time's own form keeps the sign and width
            return text.append(date);
        }
        digits(text, year, 4).append('-');
        twoDigits(text, date.getMonthValue()).append('-');
        return twoDigits(text, date.getDayOfMonth());
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return digits(text, value, 2);
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int pad = width - number.length(); pad > 0; pad--) {
            text.append('0');
        }
        return text.append(number);
    }
}
