package org.tapservice.votable;

/**
 * What a completed write did.
 *
 * @param overflow  the cursor had more rows than {@link ResultTable#maxRows()}
 */
public record WriteSummary(long rowsWritten, boolean overflow) {
}
