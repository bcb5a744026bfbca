package org.tapservice.adql.catalog;

import org.tapservice.adql.OptionalFeature;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A function a service offers beyond ADQL's own (ADQL 2.1 section 2.4): its signature, the
 * PostgreSQL function a call becomes, and what a capabilities document says about it.
 *
 * @param sqlFunction {@code name} or {@code schema.name}, as PostgreSQL stores it (printed quoted,
 *                    so {@code q3c_ang2ipix}, not {@code Q3C_ANG2IPIX})
 */
public record UserFunction(FunctionSignature signature, String sqlFunction, Optional<String> description) {

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    public UserFunction {
        requireNonNull(signature, "signature is null");
        requireNonNull(sqlFunction, "sqlFunction is null");
        requireNonNull(description, "description is null");
        if (!SQL_NAME.matcher(sqlFunction).matches()) {
            throw new IllegalArgumentException("'" + sqlFunction + "' cannot name the PostgreSQL function of " + signature.name()
                    + ": expected name or schema.name");
        }
        description = description.map(String::strip).filter(text -> !text.isEmpty());
    }

    /**
     * The function a signature declares, calling the PostgreSQL function of the same name
     * (in lower case, as PostgreSQL folds an unquoted name), without a description.
     *
     * @throws IllegalArgumentException when the signature is not valid
     */
    public static UserFunction declare(String signature) {
        FunctionSignature parsed = FunctionSignature.parse(signature);
        return new UserFunction(parsed, parsed.name().toLowerCase(Locale.ROOT), Optional.empty());
    }

    public UserFunction mappedTo(String sqlFunction) {
        return new UserFunction(signature, sqlFunction, description);
    }

    public UserFunction describedAs(String description) {
        return new UserFunction(signature, sqlFunction, Optional.of(description));
    }

    public String name() {
        return signature.name();
    }

    /** The parts of {@link #sqlFunction()}: the schema, if any, then the name. */
    public List<String> sqlName() {
        return List.of(sqlFunction.split("\\."));
    }

    /** How TAPRegExt declares it: a feature of type {@link OptionalFeature#UDF} whose form is the signature. */
    public OptionalFeature feature() {
        return new OptionalFeature(OptionalFeature.UDF, signature.form(), description);
    }
}
