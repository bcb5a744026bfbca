package org.tapservice.core.query;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.copy.CopyOut;
import org.postgresql.util.ByteConverter;
import org.tapservice.votable.RowCursor;

/**
 * One forward pass over a query's rows as PostgreSQL copies them out in its binary COPY format.
 * A COPY streams without pause, where a cursor's rows come a fetch at a time and PostgreSQL
 * waits while the client decodes each fetch: for a large result this is the difference between
 * the database's speed and well below it. Memory stays flat: the server sends a row per
 * message, and TCP holds it back while this side is busy.
 *
 * <p>The format: a signature, flags and a header extension; then per row a field count and,
 * per field, its length (-1 for NULL) and its bytes; then a field count of -1. PostgreSQL puts
 * the header in the first row's message, so the constructor, which reads it, returns once the
 * first row (or the query's failure) has arrived: a query that fails at once still fails before
 * anything is written.
 */
final class CopyOutCursor implements RowCursor {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** The header's flags field: bit 16 set if each row carries an OID, which is never asked for. */
    private static final int OIDS_INCLUDED = 1 << 16;
    private static final short END_OF_ROWS = -1;
    private static final int NULL_FIELD = -1;

    private final CopyOut copy;
    private final QueryControl.Cancellable cancel;
    private final CopyFieldDecoder[] decoders;
    private final QueryControl control;
    private final Object[] current;
    /** The message being read and the position in it; a field never spans messages. */
    private byte[] message = new byte[0];
    private int position;
    private boolean ended;

    /**
     * @param copy     a COPY ... TO STDOUT (FORMAT binary) just started
     * @param cancel   sends PostgreSQL a cancel request for the copy's connection
     * @param decoders a decoder per column of the copied rows
     * @param control  checked before each row, as the JDBC cursor checks it
     */
    CopyOutCursor(CopyOut copy, QueryControl.Cancellable cancel, CopyFieldDecoder[] decoders, QueryControl control)
            throws SQLException {
        this.copy = copy;
        this.cancel = cancel;
        this.decoders = decoders.clone();
        this.control = control;
        this.current = new Object[decoders.length];
        try {
            readHeader();
        } catch (SQLException | RuntimeException e) {
            try {
                stop();
            } catch (SQLException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    private void readHeader() throws SQLException {
        require(SIGNATURE.length + 2 * Integer.BYTES);
        if (!Arrays.equals(message, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("the COPY output is not in PostgreSQL's binary format");
        }
        position += SIGNATURE.length;
        int flags = ByteConverter.int4(message, position);
        int extension = ByteConverter.int4(message, position + Integer.BYTES);
        position += 2 * Integer.BYTES;
        if ((flags & OIDS_INCLUDED) != 0) {
            throw new SQLException("the COPY output carries row OIDs, which were not asked for");
        }
        require(extension);
        position += extension;
    }

    @Override
    public boolean next() throws IOException {
        if (ended) {
            return false;
        }
        try {
            control.checkNotCancelled();
            require(Short.BYTES);
            short fields = (short) ByteConverter.int2(message, position);
            position += Short.BYTES;
            if (fields == END_OF_ROWS) {
                finish();
                return false;
            }
            if (fields != decoders.length) {
                throw new SQLException("a COPY row has " + fields + " fields where the result has "
                        + decoders.length + " columns");
            }
            for (int i = 0; i < decoders.length; i++) {
                require(Integer.BYTES);
                int length = ByteConverter.int4(message, position);
                position += Integer.BYTES;
                if (length == NULL_FIELD) {
                    current[i] = null;
                } else {
                    require(length);
                    current[i] = decoders[i].decode(message, position, length);
                    position += length;
                }
            }
            return true;
        } catch (SQLException e) {
            throw new QueryFailedException(SqlErrors.describe(e), e);
        }
    }

    /** Makes sure the next {@code bytes} bytes are in the current message, reading the next one if it is used up. */
    private void require(int bytes) throws SQLException {
        if (position == message.length) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                throw new SQLException("the COPY output ended without its end-of-rows marker");
            }
            message = next;
            position = 0;
        }
        if (position + bytes > message.length) {
            throw new SQLException("a COPY field runs past the end of its message");
        }
    }

    /** Reads on to the end of the copy, which completes its statement. */
    private void finish() throws SQLException {
        ended = true;
        while (copy.readFromCopy() != null) {
            // nothing follows the end-of-rows marker but the copy's completion
        }
    }

    @Override
    public Object cell(int column) {
        return current[column];
    }

    /**
     * Ends the copy. When its rows were not all read (the client went away, the run was
     * cancelled), the copy is stopped, which leaves its transaction failed. Otherwise what is
     * left is at most the end-of-rows marker (a result that reached MAXREC is one row over it,
     * by its LIMIT), which is read so that the transaction can still commit.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!ended && position == message.length && copy.isActive()) {
                byte[] next = copy.readFromCopy();
                if (next == null) {
                    ended = true;
                } else if (next.length == Short.BYTES && ByteConverter.int2(next, 0) == END_OF_ROWS) {
                    finish();
                }
            }
            stop();
        } catch (SQLException e) {
            throw new IOException("cannot end the COPY of the result: " + e.getMessage(), e);
        }
    }

    /**
     * Cancels the copy if it is still sending, and reads what it sent up to its end. The
     * driver's own cancelCopy leaves those messages unread on the connection, where the next
     * statement would take them for its own answer.
     */
    private void stop() throws SQLException {
        if (ended || !copy.isActive()) {
            return;
        }
        ended = true;
        cancel.cancel();
        try {
            while (copy.readFromCopy() != null) {
                // rows sent before the cancel took effect
            }
        } catch (SQLException e) {
            if (!QueryControl.QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
