package org.tapservice.votable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a writer into memory. */
final class Outputs {

    private Outputs() {
    }

    static ResultWriter writer(String responseFormat) {
        return ResultFormats.standard().forResponseFormat(responseFormat).orElseThrow();
    }

    static byte[] bytes(String responseFormat, ResultTable table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(responseFormat).write(table, out);
        return out.toByteArray();
    }

    static String text(String responseFormat, ResultTable table) throws IOException {
        return new String(bytes(responseFormat, table), StandardCharsets.UTF_8);
    }
}
