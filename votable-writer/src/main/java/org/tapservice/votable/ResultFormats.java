package org.tapservice.votable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The output formats a service offers, and which one a RESPONSEFORMAT value (DALI 3.4.4) selects.
 * Immutable; built from writers in order of preference.
 *
 * <p>A value selects a writer by
 * <ul>
 * <li>short name, ignoring case: any alias in the writer's {@link ResultWriter#description()};
 * <li>full media type: the writer's {@link ResultWriter#mimeType()}, parameters in any order and
 *     case, {@code charset=utf-8} allowed;
 * <li>bare media type, without parameters: the first writer of that type, so
 *     {@code application/x-votable+xml} is the preferred VOTable serialization.
 * </ul>
 * {@code text/xml} is read as {@code application/x-votable+xml}: DALI gives both the one short
 * form "votable", so they name the same format (BINARY2 here). A client that wants a document
 * readable in a browser asks for {@code votable/td} or {@code text/xml;serialization=TABLEDATA}.
 */
public final class ResultFormats {

    // Media types DALI lists as other names of a format, mapped to the name our writers use.
    private static final Map<String, String> SYNONYMS = Map.of("text/xml", VOTableResultWriter.MEDIA_TYPE);

    private final List<ResultWriter> writers;
    private final List<MediaType> mediaTypes; // of each writer, parsed once
    private final Map<String, ResultWriter> byAlias;

    private ResultFormats(List<ResultWriter> writers) {
        this.writers = List.copyOf(writers);
        if (this.writers.isEmpty()) {
            throw new IllegalArgumentException("no writers");
        }
        this.mediaTypes = this.writers.stream().map(ResultFormats::mediaType).toList();
        Map<String, ResultWriter> aliases = new LinkedHashMap<>();
        for (ResultWriter writer : this.writers) {
            for (String alias : writer.description().aliases()) {
                ResultWriter clash = aliases.putIfAbsent(alias.toLowerCase(Locale.ROOT), writer);
                if (clash != null) {
                    throw new IllegalArgumentException("alias '" + alias + "' names both " + clash + " and " + writer);
                }
            }
        }
        this.byAlias = Map.copyOf(aliases);
    }

    /**
     * A registry of the given writers, the first being the default and, among writers of one
     * media type, the one a bare media type selects.
     */
    public static ResultFormats of(List<ResultWriter> writers) {
        return new ResultFormats(writers);
    }

    /** VOTable BINARY2 (the default), TABLEDATA and BINARY, CSV, TSV, FITS, VOParquet and HTML. */
    public static ResultFormats standard() {
        return of(List.of(
                VOTableResultWriter.binary2(),
                VOTableResultWriter.tabledata(),
                VOTableResultWriter.binary(),
                DelimitedResultWriter.csv(),
                DelimitedResultWriter.tsv(),
                new FitsResultWriter(),
                new ParquetResultWriter(),
                new HtmlResultWriter()));
    }

    /** The writer a RESPONSEFORMAT value selects; empty if none does. */
    public Optional<ResultWriter> forResponseFormat(String responseFormat) {
        Objects.requireNonNull(responseFormat, "responseFormat is null");
        ResultWriter byName = byAlias.get(responseFormat.strip().toLowerCase(Locale.ROOT));
        if (byName != null) {
            return Optional.of(byName);
        }
        return MediaType.parse(responseFormat).map(ResultFormats::canonical).flatMap(this::forMediaType);
    }

    /**
     * The Content-Type for the response to a RESPONSEFORMAT value: the writer's media type,
     * except that DALI has a response to {@code text/xml} say {@code text/xml}, the type the
     * client asked for (so that a browser renders it).
     */
    public Optional<String> contentTypeFor(String responseFormat) {
        Optional<String> synonymAsked = MediaType.parse(responseFormat)
                .map(MediaType::type)
                .filter(SYNONYMS::containsKey);
        return forResponseFormat(responseFormat).map(writer -> synonymAsked
                .map(type -> withType(writer.mimeType(), type))
                .orElse(writer.mimeType()));
    }

    // Keeps the parameters: "application/x-votable+xml;serialization=BINARY2" -> "text/xml;serialization=BINARY2"
    private static String withType(String mime, String type) {
        int parameters = mime.indexOf(';');
        return parameters < 0 ? type : type + mime.substring(parameters);
    }

    /** The writer used when the request names no format: the first one. */
    public ResultWriter defaultWriter() {
        return writers.getFirst();
    }

    /** Every format, for TAPRegExt outputFormat elements, in order of preference. */
    public List<FormatDescription> formats() {
        return writers.stream().map(ResultWriter::description).toList();
    }

    private Optional<ResultWriter> forMediaType(MediaType asked) {
        for (int i = 0; i < writers.size(); i++) {
            MediaType offered = mediaTypes.get(i);
            if (asked.hasParameters() ? asked.equals(offered) : asked.type().equals(offered.type())) {
                return Optional.of(writers.get(i));
            }
        }
        return Optional.empty();
    }

    private static MediaType mediaType(ResultWriter writer) {
        return MediaType.parse(writer.mimeType())
                .orElseThrow(() -> new IllegalArgumentException(writer + " has a malformed media type " + writer.mimeType()));
    }

    private static MediaType canonical(MediaType type) {
        return type.withType(SYNONYMS.getOrDefault(type.type(), type.type()));
    }
}
