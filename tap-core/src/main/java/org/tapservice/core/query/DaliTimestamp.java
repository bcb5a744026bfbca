package org.tapservice.core.query;

import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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

    /** PostgreSQL's epoch for timestamps on the wire: microseconds since 2000-01-01T00:00:00. */
    private static final long POSTGRES_EPOCH_SECONDS = LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FIRST_FOUR_DIGIT_MICROS = postgresMicros(LocalDateTime.of(1, 1, 1, 0, 0));
    private static final long AFTER_FOUR_DIGIT_MICROS = postgresMicros(LocalDateTime.of(10000, 1, 1, 0, 0));
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int SECONDS_PER_DAY = 86_400;

    /**
     * Whether {@link #formatPostgresMicros} takes a value: a year of four digits, which leaves
     * out PostgreSQL's {@code infinity} and {@code -infinity} too.
     */
    static boolean formatsPostgresMicros(long micros) {
        return micros >= FIRST_FOUR_DIGIT_MICROS && micros < AFTER_FOUR_DIGIT_MICROS;
    }

    /**
     * A timestamp as PostgreSQL sends it in binary (microseconds since 2000-01-01T00:00:00, in
     * UTC for a timestamptz), formatted as {@link #format(LocalDateTime)} formats it, without
     * the objects: a large result may carry millions of them.
     *
     * @param micros a value {@link #formatsPostgresMicros} takes
     */
    static String formatPostgresMicros(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND) + POSTGRES_EPOCH_SECONDS;
        int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // days since 1970-01-01 to a proleptic Gregorian date, as java.time's LocalDate.ofEpochDay counts
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        int dayOfEra = (int) (shifted - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthIndex = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        boolean millis = fraction % 1000 == 0;
        byte[] text = new byte[millis ? 23 : 26];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, millis ? fraction / 1000 : fraction, millis ? 3 : 6);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** PostgreSQL's {@code infinity} and {@code -infinity} in a binary timestamp. */
    private static final long TIMESTAMP_INFINITY = Long.MAX_VALUE;
    private static final long TIMESTAMP_MINUS_INFINITY = Long.MIN_VALUE;
    /** PostgreSQL's {@code infinity} and {@code -infinity} in a binary date. */
    private static final int DATE_INFINITY = Integer.MAX_VALUE;
    private static final int DATE_MINUS_INFINITY = Integer.MIN_VALUE;
    private static final long POSTGRES_EPOCH_DAY = POSTGRES_EPOCH_SECONDS / SECONDS_PER_DAY;

    /**
     * Any timestamp as PostgreSQL sends it in binary, formatted as {@link #format(LocalDateTime)}
     * formats it; null for the infinities, which a DALI timestamp has no word for.
     */
    static String formatPostgresTimestamp(long micros) {
        if (formatsPostgresMicros(micros)) {
            return formatPostgresMicros(micros);
        }
        if (micros == TIMESTAMP_INFINITY || micros == TIMESTAMP_MINUS_INFINITY) {
            return null;
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND) + POSTGRES_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
        return format(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
    }

    /** A date as PostgreSQL sends it in binary (days since 2000-01-01); null for the infinities. */
    static String formatPostgresDate(int days) {
        return days == DATE_INFINITY || days == DATE_MINUS_INFINITY ? null
                : format(LocalDate.ofEpochDay(POSTGRES_EPOCH_DAY + days));
    }

    private static long postgresMicros(LocalDateTime time) {
        return (time.toEpochSecond(ZoneOffset.UTC) - POSTGRES_EPOCH_SECONDS) * MICROS_PER_SECOND;
    }

    /** The value's last {@code width} decimal digits at {@code offset}, zero-padded. */
    private static void digits(byte[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
