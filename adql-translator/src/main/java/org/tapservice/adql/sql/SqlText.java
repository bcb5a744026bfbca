package org.tapservice.adql.sql;

import java.util.List;
import java.util.stream.Collectors;

/** The only places user-supplied text is turned into SQL text: quoted, with quotes escaped. */
final class SqlText {

    private SqlText() {
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String qualifiedName(List<String> parts) {
        return parts.stream().map(SqlText::identifier).collect(Collectors.joining("."));
    }

    /**
     * A string literal. With a backslash in it, the E'' form is used, whose escaping does
     * not depend on the server's standard_conforming_strings setting.
     */
    static String string(String value) {
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') < 0) {
            return "'" + quoted + "'";
        }
        return "E'" + quoted.replace("\\", "\\\\") + "'";
    }
}
