package org.tapservice.votable;

import java.util.Arrays;
import java.util.regex.Pattern;

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

    private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]*x)*([1-9][0-9]*|[1-9][0-9]*\\*|\\*)");

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
        if (!SYNTAX.matcher(arraysize).matches()) {
            throw new IllegalArgumentException("bad VOTable arraysize '" + arraysize + "'");
        }
        return new ArraySize(Arrays.stream(arraysize.split("x"))
                .mapToInt(dim -> dim.endsWith("*") ? VARIABLE : Integer.parseInt(dim))
                .toArray());
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
