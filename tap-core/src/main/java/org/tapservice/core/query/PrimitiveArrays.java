package org.tapservice.core.query;

/** Boxed JDBC arrays to the primitive arrays the writers take; a NULL element becomes NaN or 0. */
final class PrimitiveArrays {

    private PrimitiveArrays() {
    }

    static Object unbox(Object array) {
        return switch (array) {
            case Double[] values -> {
                double[] result = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    result[i] = values[i] == null ? Double.NaN : values[i];
                }
                yield result;
            }
            case Float[] values -> {
                float[] result = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    result[i] = values[i] == null ? Float.NaN : values[i];
                }
                yield result;
            }
            case Long[] values -> {
                long[] result = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    result[i] = values[i] == null ? 0L : values[i];
                }
                yield result;
            }
            case Integer[] values -> {
                int[] result = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    result[i] = values[i] == null ? 0 : values[i];
                }
                yield result;
            }
            case Short[] values -> {
                short[] result = new short[values.length];
                for (int i = 0; i < values.length; i++) {
                    result[i] = values[i] == null ? 0 : values[i];
                }
                yield result;
            }
            default -> array;
        };
    }
}
