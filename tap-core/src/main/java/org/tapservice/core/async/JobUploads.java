package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.tapservice.core.TapException;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.upload.TableUpload;
import org.tapservice.core.upload.UploadContent;
import org.tapservice.core.upload.UploadFormat;
import org.tapservice.core.upload.UploadLimits;
import org.tapservice.core.upload.UploadParameter;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.core.upload.UploadSource;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;

/**
 * The tables an async job was sent inline ({@code UPLOAD=t,param:t} with a part t). The
 * request's parts are gone once it is answered, and the job may run on any instance, so each
 * part is streamed into the shared {@link ResultStore} when the job is created (or its
 * parameters set), under the id {@code upload.<part>.<vot|csv|fits>}: the job's results list
 * never names those ids, so they are never served as results, and they go with the job's
 * results when it is deleted.
 *
 * <p>The job then keeps the part as what UWS makes of a value too large to hold: a parameter of
 * the part's name with {@code byReference="true"}, whose value is the URL the stored copy is
 * served at, {@code <job>/uploads/<part>.<ext>}. The UPLOAD parameter stays as the client sent
 * it. The extension records the format chosen from the part's media type when it arrived, which
 * the run must use again (a CSV must never be read as VOTable). Only the service makes
 * parameters by reference, so the run takes no URL it did not write for a stored copy.
 */
public final class JobUploads {

    /** Result-store ids of stored uploads begin with this. */
    static final String PREFIX = "upload.";
    /** Part names that can be part of a result id, with no dot: the extension follows the last one. */
    private static final Pattern PART_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String UPLOADS = "/uploads/";

    private final ResultStore store;
    private final UploadLimits limits;

    public JobUploads(ResultStore store, UploadLimits limits) {
        this.store = requireNonNull(store, "store is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** A stored copy as it is served: its bytes and the media type of its format. */
    public record StoredUpload(InputStream content, String mediaType) {
    }

    /**
     * Stores the parts the parameters' UPLOAD values name, and answers the parameters to keep:
     * each stored part as a parameter by reference (replacing any form field of its name).
     * Parameters whose UPLOAD does not parse, or name parts the request lacks, are kept as they
     * are: the job's run reports them as the sync endpoint would.
     *
     * @param jobUrl the job's URL, under which the copies are served
     * @throws TapException (400) for a part over the byte limit, a compressed one, or one whose
     *         name cannot name a stored copy
     */
    List<Parameter> store(JobId job, List<Parameter> parameters, UploadParts parts, String jobUrl)
            throws IOException {
        Map<String, String> stored = new LinkedHashMap<>();
        for (TableUpload upload : inlineUploads(parameters)) {
            String part = ((UploadSource.InlinePart) upload.source()).partName();
            Optional<UploadContent> content = parts.part(part);
            if (content.isPresent() && !stored.containsKey(part)) {
                stored.put(part, store(job, upload.name(), part, content.get()));
            }
        }
        if (stored.isEmpty()) {
            return parameters;
        }
        List<Parameter> kept = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (stored.keySet().stream().noneMatch(parameter::isNamed)) {
                kept.add(parameter);
            }
        }
        stored.forEach((part, file) -> kept.add(new Parameter(part, jobUrl + UPLOADS + file, true)));
        return kept;
    }

    /** The parts a run of the job finds: its stored copies. */
    public UploadParts partsOf(Job job) {
        return name -> job.parameters().stream()
                .filter(parameter -> parameter.byReference() && parameter.isNamed(name))
                .map(parameter -> parameter.value().substring(parameter.value().lastIndexOf('/') + 1))
                .flatMap(file -> format(file).stream().map(format -> stored(job.id(), file, format)))
                .findFirst();
    }

    /** A stored copy, by the file name its URL ends with, if the job has it. */
    Optional<StoredUpload> open(JobId job, String file) throws IOException {
        Optional<UploadFormat> format = format(file);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return store.open(job, PREFIX + file).map(in -> new StoredUpload(in, format.get().mediaType()));
    }

    private static List<TableUpload> inlineUploads(List<Parameter> parameters) {
        List<String> values = parameters.stream().filter(parameter -> parameter.isNamed("UPLOAD"))
                .map(Parameter::value).toList();
        if (values.isEmpty()) {
            return List.of();
        }
        try {
            return UploadParameter.parse(values).stream()
                    .filter(upload -> upload.source() instanceof UploadSource.InlinePart)
                    .toList();
        } catch (TapException e) {
            return List.of();
        }
    }

    /** Streams one part into the store; the file name of the copy. */
    private String store(JobId job, String table, String part, UploadContent content) throws IOException {
        if (!PART_NAME.matcher(part).matches()) {
            throw TapException.invalid("UPLOAD " + table + ",param:" + part + ": parts of async jobs must be named "
                    + "with letters, digits, '-' and '_' only");
        }
        OptionalLong size = content.size();
        if (size.isPresent() && size.getAsLong() > limits.maxBytes()) {
            throw TapException.invalid("upload '" + table + "' has " + size.getAsLong() + " bytes; this service "
                    + "accepts at most " + limits.maxBytes());
        }
        String file = part + "." + UploadFormat.of(table, content).extension();
        OutputStream out = store.create(job, PREFIX + file);
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
                if (total > limits.maxBytes()) {
                    // left unclosed: a closed copy would be published; the caller deletes what was written
                    throw TapException.invalid("upload '" + table + "' has more than " + limits.maxBytes()
                            + " bytes, this service's limit");
                }
                out.write(buffer, 0, read);
            }
        }
        out.close();
        return file;
    }

    private UploadContent stored(JobId job, String file, UploadFormat format) {
        return new UploadContent() {
            @Override
            public Optional<String> contentType() {
                return Optional.of(format.mediaType());
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.empty();
            }

            @Override
            public InputStream open() throws IOException {
                return store.open(job, PREFIX + file).orElseThrow(() -> TapException.invalid("the stored copy of "
                        + "upload part '" + file + "' is gone; create the job again"));
            }
        };
    }

    private static Optional<UploadFormat> format(String file) {
        int dot = file.lastIndexOf('.');
        return dot <= 0 || !PART_NAME.matcher(file.substring(0, dot)).matches() ? Optional.empty()
                : UploadFormat.ofExtension(file.substring(dot + 1));
    }
}
