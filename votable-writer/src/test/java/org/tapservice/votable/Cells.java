package org.tapservice.votable;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Cells in a form that compares by value, for checking what a reader gives back. */
public final class Cells {

    private Cells() {
    }

    /**
     * Arrays as lists, single characters (which STIL reads as Character) as strings and unsigned
     * bytes (which it reads as short[]) as the shorts we write them as.
     */
    public static List<Object> comparable(Object[] row) {
        List<Object> cells = new ArrayList<>();
        for (Object cell : row) {
            cells.add(comparable(cell));
        }
        return cells;
    }

    public static Object comparable(Object cell) {
        return switch (cell) {
            case null -> null;
            case Character c -> c.toString();
            case byte[] bytes -> IntStream.range(0, bytes.length).mapToObj(i -> (short) Byte.toUnsignedInt(bytes[i])).toList();
            case Object array when array.getClass().isArray() ->
                    IntStream.range(0, Array.getLength(array)).mapToObj(i -> Array.get(array, i)).toList();
            default -> cell;
        };
    }
}
