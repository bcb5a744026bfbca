package org.tapservice.votable;

import java.util.List;

/**
 * The VOTable formats with every row encoded by STIL's own encoders: the reference that the
 * direct BINARY and BINARY2 encoding is checked against by the modules that run queries.
 */
public final class StilEncodedFormats {

    private StilEncodedFormats() {
    }

    public static ResultFormats votable() {
        return ResultFormats.of(List.of(VOTableResultWriter.binary2().encodedByStil(), VOTableResultWriter.tabledata(),
                VOTableResultWriter.binary().encodedByStil()));
    }
}
