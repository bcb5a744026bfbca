package org.tapservice.core.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.tapservice.votable.Info;
import org.tapservice.votable.ResultTable;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.RowCursor;
import org.tapservice.votable.VOTableResultReader;
import org.tapservice.votable.WriteSummary;

/**
 * A stored result written again in another format, from the stored VOTable in one pass and in
 * constant memory, never from its query: the columns, their metadata and frames, the INFOs and
 * how the rows ended (OVERFLOW) are the stored copy's, so that the copy is what a sync query in
 * that format would have sent, but for the RESPONSEFORMAT INFO, which names the format asked for.
 */
public final class ResultConversion {

    private static final String RESPONSEFORMAT = "RESPONSEFORMAT";

    private ResultConversion() {
    }

    /**
     * Reads {@code stored} (closing it) and writes it with {@code target} to {@code out}, which
     * is flushed and left open.
     *
     * @param responseFormat the value of the RESPONSEFORMAT INFO of the copy
     * @throws IOException when the stored copy cannot be read or the copy cannot be written;
     *         what was written before is incomplete
     */
    public static WriteSummary write(InputStream stored, ResultWriter target, String responseFormat, OutputStream out)
            throws IOException {
        ResultTable read;
        try {
            read = VOTableResultReader.read(stored);
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
        try (RowCursor rows = read.rows()) {
            return target.write(new ResultTable(read.columns(), rows, read.maxRows(),
                    withResponseFormat(read.infos(), responseFormat)), out);
        }
    }

    /**
     * The INFOs with RESPONSEFORMAT set to the value: in its place if it was there, else where a
     * query's INFOs have it, after MAXREC (or last, for a result with no MAXREC).
     */
    static List<Info> withResponseFormat(List<Info> infos, String responseFormat) {
        List<Info> changed = new ArrayList<>(infos.size() + 1);
        Info info = new Info(RESPONSEFORMAT, responseFormat);
        boolean placed = false;
        for (Info existing : infos) {
            if (existing.name().equals(RESPONSEFORMAT)) {
                if (!placed) {
                    changed.add(info);
                    placed = true;
                }
                continue;
            }
            changed.add(existing);
            if (existing.name().equals("MAXREC") && !placed) {
                changed.add(info);
                placed = true;
            }
        }
        if (!placed) {
            changed.add(info);
        }
        return changed;
    }
}
