package org.tapservice.votable;

import java.util.Arrays;

/**
 * A parsed VOTable arraysize attribute: the dimensions, first varying fastest, where only the
 * last may be variable ({@code *} or {@code N*}). A variable dimension is {@link #VARIABLE},
 * the convention of STIL's {@code ValueInfo.getShape()}.
 *
 * @param dims   dimension lengths, empty for a scalar
 */
record ArraySize(int[] dims) {

    static final int VARIABLE = -1;
    static final ArraySize SCALAR = new ArraySize(new int[0]);

    ArraySize {
        dims = dims.clone();
    }

    /**
     * Parses an arraysize attribute; null, and "1" (which VOTable 1.3+ treats as a scalar),
     * give {@link #SCALAR}.
     *
     * @throws IllegalArgumentException if the text is not arraysize syntax
     */
    static ArraySize parse(String arraysize) {
        if (arraysize == null || arraysize.equals("1")) {
            return SCALAR;
        }
        // By hand rather than with a regular expression: every column of every result is parsed.
        String[] parts = arraysize.split("x", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String part = parts[i];
            if (last && part.equals("*")) {
                dims[i] = VARIABLE;
            } else if (last && part.endsWith("*") && isLength(part.substring(0, part.length() - 1))) {
                dims[i] = VARIABLE;
            } else if (isLength(part)) {
                dims[i] = Integer.parseInt(part);
            } else {
                throw new IllegalArgumentException("bad VOTable arraysize '" + arraysize + "'");
            }
        }
        return new ArraySize(dims);
    }

    /** A positive decimal number without leading zeros, short enough for an int. */
    private static boolean isLength(String text) {
        if (text.isEmpty() || text.length() > 9 || text.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    boolean isScalar() {
        return dims.length == 0;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The same shape with one more fastest-varying dimension in front, e.g. the two parts of a complex. */
    ArraySize prepend(int dim) {
        int[] longer = new int[dims.length + 1];
        longer[0] = dim;
        System.arraycopy(dims, 0, longer, 1, dims.length);
        return new ArraySize(longer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArraySize that && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
