package org.tapservice.adql.sql;

import java.util.List;

/** The only places user-supplied text is turned into SQL text: quoted, with quotes escaped. */
final class SqlText {

    private SqlText() {
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // A loop, not a stream: every column of the SQL goes through here.
    static String qualifiedName(List<String> parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(identifier(part));
        }
        return name.toString();
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
