package org.tapservice.core.query;

/**
 * PostgreSQL arrays, which JDBC gives boxed (Short[], Double[], BigDecimal[] for numeric[],
 * Boolean[]...), as the primitive array a FIELD's datatype asks for. A NULL element becomes NaN
 * in a floating-point array and zero or false otherwise: VOTable arrays have no null elements.
 */
final class PrimitiveArrays {

    private PrimitiveArrays() {
    }

    /**
     * @param target the array class of the column ({@code double[].class}, ...)
     * @throws IllegalStateException if the elements are not numbers (or booleans for a boolean array)
     */
    static Object convert(Object[] elements, Class<?> target) {
        if (target == boolean[].class) {
            boolean[] result = new boolean[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] != null && (Boolean) elements[i];
            }
            return result;
        } else if (target == double[].class) {
            double[] result = new double[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? Double.NaN : number(elements[i]).doubleValue();
            }
            return result;
        } else if (target == float[].class) {
            float[] result = new float[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? Float.NaN : number(elements[i]).floatValue();
            }
            return result;
        } else if (target == long[].class) {
            long[] result = new long[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? 0L : number(elements[i]).longValue();
            }
            return result;
        } else if (target == int[].class) {
            int[] result = new int[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? 0 : number(elements[i]).intValue();
            }
            return result;
        } else if (target == short[].class) {
            short[] result = new short[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? 0 : number(elements[i]).shortValue();
            }
            return result;
        } else if (target == byte[].class) {
            byte[] result = new byte[elements.length];
            for (int i = 0; i < elements.length; i++) {
                result[i] = elements[i] == null ? 0 : number(elements[i]).byteValue();
            }
            return result;
        }
        throw new IllegalStateException("cannot make a " + target.getSimpleName() + " of an SQL array");
    }

    private static Number number(Object element) {
        if (element instanceof Number number) {
            return number;
        }
        throw new IllegalStateException("an SQL array of " + element.getClass().getSimpleName()
                + " where numbers were declared");
    }
}
