package org.tapservice.adql.tree;

/**
 * Where a node starts in the query text, 1-based.
 *
 * <p>Every node record carries one, but two trees parsed from differently laid out
 * text must still be equal: so all locations are equal to each other and share one
 * hash code. Compare {@link #line()} and {@link #column()} when the position itself
 * matters.
 */
public record NodeLocation(int line, int column) {

    public static final NodeLocation UNKNOWN = new NodeLocation(1, 1);

    public NodeLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeLocation;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
