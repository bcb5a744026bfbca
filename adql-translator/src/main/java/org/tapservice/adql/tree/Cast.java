package org.tapservice.adql.tree;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** {@code CAST(value AS type)}; a length only for CHAR(n) and VARCHAR(n). */
public record Cast(Expression value, TargetType type, OptionalInt length, NodeLocation location) implements Expression {

    public enum TargetType {
        SMALLINT("SMALLINT"), INTEGER("INTEGER"), BIGINT("BIGINT"), REAL("REAL"),
        DOUBLE_PRECISION("DOUBLE PRECISION"), CHAR("CHAR"), VARCHAR("VARCHAR"), TIMESTAMP("TIMESTAMP"),
        POINT("POINT"), CIRCLE("CIRCLE"), POLYGON("POLYGON");

        private final String adqlName;

        TargetType(String adqlName) {
            this.adqlName = adqlName;
        }

        public String adqlName() {
            return adqlName;
        }

        public boolean hasLength() {
            return this == CHAR || this == VARCHAR;
        }
    }

    public Cast {
        requireNonNull(value, "value is null");
        requireNonNull(type, "type is null");
        requireNonNull(length, "length is null");
        requireNonNull(location, "location is null");
        if (length.isPresent() && !type.hasLength()) {
            throw new IllegalArgumentException(type.adqlName() + " takes no length");
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitCast(this, context);
    }
}
