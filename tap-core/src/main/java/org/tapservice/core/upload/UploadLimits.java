package org.tapservice.core.upload;

/**
 * How much one request may upload (TAPRegExt uploadLimit publishes {@code maxBytes}). Every
 * limit is checked while the table is read, before anything of it is kept.
 *
 * @param maxBytes   the most bytes of one uploaded table, as sent
 * @param maxRows    the most rows of one table
 * @param maxColumns the most columns of one table
 * @param maxTables  the most tables one request may upload: each becomes a temporary table
 */
public record UploadLimits(long maxBytes, long maxRows, int maxColumns, int maxTables) {

    public UploadLimits {
        if (maxBytes < 1 || maxRows < 1 || maxColumns < 1 || maxTables < 1) {
            throw new IllegalArgumentException("upload limits must be positive: " + maxBytes + " bytes, " + maxRows
                    + " rows, " + maxColumns + " columns, " + maxTables + " tables");
        }
    }
}
