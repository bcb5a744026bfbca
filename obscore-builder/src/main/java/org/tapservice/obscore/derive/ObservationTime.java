package org.tapservice.obscore.derive;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.obscore.Outcome;
import org.tapservice.obscore.fits.FitsHeader;

/**
 * Start, end and exposure of an observation from the FITS time keywords (FITS 4.0 section 9.2
 * and the older conventions still written): MJD-BEG, MJD-OBS, DATE-BEG or DATE-OBS for the
 * start; MJD-END, DATE-END, else start plus exposure, for the end; EXPTIME, EXPOSURE or XPOSURE,
 * else TELAPSE, for the exposure. Dates are read as UTC: the header's TIMESYS differs from it by
 * about a minute at most, far below what a search by time needs.
 */
public record ObservationTime(Outcome<Double> start, Outcome<Double> end, Outcome<Double> exposure) {

    /** MJD 0 is 1858-11-17T00:00 */
    private static final LocalDateTime MJD_ZERO = LocalDateTime.of(1858, 11, 17, 0, 0);
    /** The pre-1997 form dd/mm/yy, always of the twentieth century. */
    private static final Pattern OLD_DATE = Pattern.compile("(\\d\\d)/(\\d\\d)/(\\d\\d)");

    public static ObservationTime of(FitsHeader header) {
        Outcome<Double> exposure = firstNumber(header, "EXPTIME", "EXPOSURE", "XPOSURE", "TELAPSE")
                .<Outcome<Double>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing("none of EXPTIME, EXPOSURE, XPOSURE, TELAPSE is given"));
        Outcome<Double> start = mjd(header, "MJD-BEG", "DATE-BEG")
                .or(() -> mjd(header, "MJD-OBS", "DATE-OBS"))
                .orElseGet(() -> Outcome.missing("none of MJD-BEG, MJD-OBS, DATE-BEG, DATE-OBS is given"));
        Optional<Outcome<Double>> statedEnd = mjd(header, "MJD-END", "DATE-END");
        Outcome<Double> end;
        if (statedEnd.isPresent()) {
            end = statedEnd.get();
        } else if (start.asOptional().isPresent() && exposure.asOptional().isPresent()) {
            end = Outcome.of(start.asOptional().get() + exposure.asOptional().get() / 86400);
        } else {
            end = Outcome.missing("no MJD-END or DATE-END, and no start and exposure to add up");
        }
        if (exposure instanceof Outcome.Missing<Double> && start.asOptional().isPresent() && end.asOptional().isPresent()
                && statedEnd.isPresent()) {
            exposure = Outcome.of((end.asOptional().get() - start.asOptional().get()) * 86400);
        }
        return new ObservationTime(start, end, exposure);
    }

    private static Optional<Double> firstNumber(FitsHeader header, String... keywords) {
        for (String keyword : keywords) {
            OptionalDouble value = header.number(keyword);
            if (value.isPresent()) {
                return Optional.of(value.getAsDouble());
            }
        }
        return Optional.empty();
    }

    /** The MJD from the MJD keyword, else from the date keyword; empty when neither is there. */
    private static Optional<Outcome<Double>> mjd(FitsHeader header, String mjdKeyword, String dateKeyword) {
        OptionalDouble mjd = header.number(mjdKeyword);
        if (mjd.isPresent()) {
            return Optional.of(Outcome.of(mjd.getAsDouble()));
        }
        return header.text(dateKeyword).map(date -> parse(date, header.text("TIME-OBS"))
                .<Outcome<Double>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing(dateKeyword + " = '" + date + "' is not a FITS date")));
    }

    /** The MJD of a FITS date (ISO-8601 date or date-time, or the old dd/mm/yy), empty if it is none. */
    public static Optional<Double> parseDate(String text) {
        return parse(text, Optional.empty());
    }

    /** ISO-8601 date or date-time (FITS 4.0), or the old dd/mm/yy with the time in TIME-OBS. */
    static Optional<Double> parse(String text, Optional<String> timeObs) {
        String date = text.strip();
        Matcher old = OLD_DATE.matcher(date);
        if (old.matches()) {
            date = "19" + old.group(3) + "-" + old.group(2) + "-" + old.group(1);
        }
        try {
            LocalDateTime instant;
            if (date.contains("T")) {
                instant = LocalDateTime.parse(date.endsWith("Z") ? date.substring(0, date.length() - 1) : date);
            } else {
                LocalTime time = timeObs.map(String::strip).filter(t -> !t.isEmpty()).map(LocalTime::parse)
                        .orElse(LocalTime.MIDNIGHT);
                instant = LocalDate.parse(date).atTime(time);
            }
            return Optional.of(toMjd(instant));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static double toMjd(LocalDateTime utc) {
        return ChronoUnit.MICROS.between(MJD_ZERO, utc) / 86_400_000_000.0;
    }

    public static LocalDateTime fromMjd(double mjd) {
        return MJD_ZERO.plus(Math.round(mjd * 86_400_000_000.0), ChronoUnit.MICROS);
    }
}
