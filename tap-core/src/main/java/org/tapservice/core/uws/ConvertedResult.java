package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A result a finished job offers besides those it produced: its result in another format,
 * converted from the stored copy when first asked for and kept for the next request.
 *
 * @param id        its result id, as listed, e.g. {@code result-csv}
 * @param mimeType  the media type it is served with
 * @param format    the RESPONSEFORMAT short name that selects it
 * @param state     where its conversion stands
 * @param size      its length once stored
 * @param converter who converts it, while it is converting
 * @param since     when that conversion began
 */
public record ConvertedResult(String id, String mimeType, String format, State state, OptionalLong size,
                              Optional<String> converter, Optional<Instant> since) {

    /** Where a conversion stands, as the job document's jobInfo shows it. */
    public enum State {
        /** Offered, not asked for yet (or its stored mark has lapsed). */
        OFFERED("offered"),
        /** Being converted. */
        CONVERTING("converting"),
        /** Stored: served at once. */
        STORED("stored");

        private final String value;

        State(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public ConvertedResult {
        if (!Result.isWellFormedId(requireNonNull(id, "id is null"))) {
            throw new IllegalArgumentException("not a result id: '" + id + "'");
        }
        requireNonNull(mimeType, "mimeType is null");
        requireNonNull(format, "format is null");
        requireNonNull(state, "state is null");
        requireNonNull(size, "size is null");
        requireNonNull(converter, "converter is null");
        requireNonNull(since, "since is null");
    }
}
