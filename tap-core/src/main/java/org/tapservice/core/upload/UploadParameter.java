package org.tapservice.core.upload;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tapservice.adql.catalog.Identifier;
import org.tapservice.core.TapException;

/**
 * Reads DALI's UPLOAD parameter: {@code name,URI} pairs separated by ';', in one value or in
 * several UPLOAD parameters. A URI is {@code param:part} for a part of the request, or an http or
 * https URL. A ';' inside a URL must be percent-encoded (%3B), as the pairs are split on it.
 */
public final class UploadParameter {

    private static final String PARAM = "param:";

    private UploadParameter() {
    }

    /**
     * The tables of every UPLOAD value, in the order given.
     *
     * @throws TapException (400) for a pair without a comma, a name that is no ADQL table name,
     *         a name given twice, or a URI this service cannot read from
     */
    public static List<TableUpload> parse(List<String> values) {
        List<TableUpload> uploads = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String value : values) {
            for (String pair : value.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                TableUpload upload = pair(pair.strip());
                // TAP_UPLOAD.t and TAP_UPLOAD.T are one table to ADQL
                if (!names.add(upload.name().toLowerCase(Locale.ROOT))) {
                    throw TapException.invalid("UPLOAD names the table '" + upload.name() + "' twice");
                }
                uploads.add(upload);
            }
        }
        return List.copyOf(uploads);
    }

    private static TableUpload pair(String pair) {
        int comma = pair.indexOf(',');
        if (comma < 0) {
            throw TapException.invalid("UPLOAD takes name,URI pairs separated by ';'; got '" + pair + "'");
        }
        String name = pair.substring(0, comma).strip();
        if (!Identifier.isRegular(name)) {
            throw TapException.invalid("UPLOAD table name '" + name + "' is not an ADQL identifier: it must start "
                    + "with a letter, have only letters, digits and '_', and not be an ADQL reserved word");
        }
        return new TableUpload(name, source(name, pair.substring(comma + 1).strip()));
    }

    private static UploadSource source(String name, String text) {
        // a part's name is any form field name, not necessarily valid in a URI
        if (text.regionMatches(true, 0, PARAM, 0, PARAM.length())) {
            String part = text.substring(PARAM.length());
            if (part.isBlank()) {
                throw TapException.invalid("UPLOAD of table '" + name + "': param: needs the name of a part of the "
                        + "request, as in " + name + ",param:" + name);
            }
            return new UploadSource.InlinePart(part);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw TapException.invalid("UPLOAD of table '" + name + "': '" + text + "' is not a URI: "
                    + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw TapException.invalid("UPLOAD of table '" + name + "': '" + text + "' is neither "
                    + "param:<part name> nor an http or https URL, the kinds of upload this service accepts");
        }
        if (uri.getHost() == null) {
            throw TapException.invalid("UPLOAD of table '" + name + "': the URL '" + text + "' names no host");
        }
        return new UploadSource.RemoteTable(uri);
    }
}
