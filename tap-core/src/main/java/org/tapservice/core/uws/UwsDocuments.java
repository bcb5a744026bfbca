package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.tapservice.core.xml.XmlDocument;

/**
 * The UWS 1.1 XML representations: a job (uws:job), a job list (uws:jobs) and a job's
 * results and parameters lists. Elements come in the order the UWS schema's sequences
 * require; times are ISO 8601 in UTC to the millisecond, with a Z.
 *
 * <p>Links are built from the job list's URL as the client used it (for example
 * {@code https://host/tap/async}), so they hold behind a proxy: a job is
 * {@code {jobs}/{job-id}}, a result {@code {jobs}/{job-id}/results/{result-id}}.
 */
public final class UwsDocuments {

    public static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";
    public static final String XLINK = "http://www.w3.org/1999/xlink";
    /** The namespace of what this service writes in a job's jobInfo. */
    public static final String JOB_INFO = "urn:tapservice:jobinfo";
    private static final String JOB_INFO_PREFIX = "ti";
    /** The version attribute UWS 1.1 requires on job and jobs. */
    public static final String VERSION = "1.1";

    /** The job's log (text/plain, {@link JobLog}): an extension, a resource below the job's. */
    public static final String LOG = "log";
    /** The job's phase changes as Server-Sent Events: an extension, a resource below the job's. */
    public static final String EVENTS = "events";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The /{jobs}/{job-id} resource. */
    public void writeJob(Job job, String jobsUrl, OutputStream out) throws IOException {
        writeJob(job, jobsUrl, List.of(), out);
    }

    /**
     * The /{jobs}/{job-id} resource of a job that also offers its result in other formats: they
     * follow its own results in the results list, and the conversions that are being made or
     * are stored are shown in jobInfo (see {@link #JOB_INFO}).
     */
    public void writeJob(Job job, String jobsUrl, List<ConvertedResult> converted, OutputStream out)
            throws IOException {
        requireNonNull(job, "job is null");
        requireNonNull(converted, "converted is null");
        String base = base(jobsUrl);
        List<ConvertedResult> asked = converted.stream()
                .filter(result -> result.state() != ConvertedResult.State.OFFERED).toList();
        try (XmlDocument xml = new XmlDocument(out)) {
            if (asked.isEmpty()) {
                xml.root("uws", "job", UWS, "xlink", XLINK);
            } else {
                xml.root("uws", "job", UWS, "xlink", XLINK, JOB_INFO_PREFIX, JOB_INFO);
            }
            xml.attribute("version", VERSION);
            text(xml, "jobId", job.id().value());
            if (job.runId().isPresent()) {
                text(xml, "runId", job.runId().get());
            }
            nillable(xml, "ownerId", job.owner().orElse(null));
            text(xml, "phase", job.phase().value());
            nillable(xml, "quote", job.quote().map(UwsDocuments::timestamp).orElse(null));
            text(xml, "creationTime", timestamp(job.creationTime()));
            nillable(xml, "startTime", job.startTime().map(UwsDocuments::timestamp).orElse(null));
            nillable(xml, "endTime", job.endTime().map(UwsDocuments::timestamp).orElse(null));
            text(xml, "executionDuration", Long.toString(job.executionDuration().getSeconds()));
            text(xml, "destruction", timestamp(job.destruction()));
            parameters(xml, job.parameters());
            results(xml, base, job, converted);
            if (job.error().isPresent()) {
                ErrorSummary error = job.error().get();
                // hasDetail: a TAP job's /error resource always serves the message as a
                // VOTable error document.
                xml.start("uws", "errorSummary", UWS)
                        .attribute("type", error.type().value())
                        .attribute("hasDetail", "true");
                text(xml, "message", error.message());
                xml.end();
            }
            // only while the job has conversions to show: pyvo (1.2) warns about every jobInfo
            jobInfo(xml, asked);
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /** The /{jobs} resource: one jobref per job, in the page's order. */
    public void writeJobList(JobPage page, String jobsUrl, OutputStream out) throws IOException {
        requireNonNull(page, "page is null");
        String base = base(jobsUrl);
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("uws", "jobs", UWS, "xlink", XLINK).attribute("version", VERSION);
            for (JobRef job : page.jobs()) {
                xml.start("uws", "jobref", UWS)
                        .attribute("id", job.id().value())
                        .attribute("xlink", XLINK, "href", base + "/" + job.id().value());
                text(xml, "phase", job.phase().value());
                if (job.runId().isPresent()) {
                    text(xml, "runId", job.runId().get());
                }
                nillable(xml, "ownerId", job.owner().orElse(null));
                text(xml, "creationTime", timestamp(job.creationTime()));
                xml.end();
            }
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the job list: " + e.getMessage(), e);
        }
    }

    /** The /{jobs}/{job-id}/results resource. */
    public void writeResults(Job job, String jobsUrl, OutputStream out) throws IOException {
        writeResults(job, jobsUrl, List.of(), out);
    }

    /** The /{jobs}/{job-id}/results resource, the job's own results first, then those converted from them. */
    public void writeResults(Job job, String jobsUrl, List<ConvertedResult> converted, OutputStream out)
            throws IOException {
        requireNonNull(job, "job is null");
        requireNonNull(converted, "converted is null");
        String base = base(jobsUrl);
        try (XmlDocument xml = new XmlDocument(out)) {
            rootOf(xml, "results");
            resultList(xml, base, job, converted);
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the results of job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /** The /{jobs}/{job-id}/parameters resource. */
    public void writeParameters(Job job, OutputStream out) throws IOException {
        requireNonNull(job, "job is null");
        try (XmlDocument xml = new XmlDocument(out)) {
            rootOf(xml, "parameters");
            parameterList(xml, job.parameters());
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the parameters of job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /** An instant as UWS documents write it: ISO 8601, UTC, milliseconds, Z. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static void rootOf(XmlDocument xml, String name) throws XMLStreamException {
        xml.root("uws", name, UWS, "xlink", XLINK);
    }

    private static void parameters(XmlDocument xml, List<Parameter> parameters) throws XMLStreamException {
        xml.start("uws", "parameters", UWS);
        parameterList(xml, parameters);
        xml.end();
    }

    private static void parameterList(XmlDocument xml, List<Parameter> parameters) throws XMLStreamException {
        for (Parameter parameter : parameters) {
            xml.start("uws", "parameter", UWS).attribute("id", xmlText(parameter.id()));
            if (parameter.byReference()) {
                xml.attribute("byReference", "true");
            }
            xml.text(xmlText(parameter.value())).end();
        }
    }

    private static void results(XmlDocument xml, String base, Job job, List<ConvertedResult> converted)
            throws XMLStreamException {
        xml.start("uws", "results", UWS);
        resultList(xml, base, job, converted);
        xml.end();
    }

    /**
     * The job's own results, {@value Result#MAIN} first for a TAP job, then the conversions: a
     * client that takes the first result, or the one called {@value Result#MAIN}, gets the
     * table in the format it asked for.
     */
    private static void resultList(XmlDocument xml, String base, Job job, List<ConvertedResult> converted)
            throws XMLStreamException {
        for (Result result : job.results()) {
            xml.start("uws", "result", UWS)
                    .attribute("id", result.id())
                    .attribute("xlink", XLINK, "href", base + "/" + job.id().value() + "/results/" + result.id())
                    .attribute("size", Long.toString(result.size()))
                    .attribute("mime-type", xmlText(result.mimeType()))
                    .end();
        }
        for (ConvertedResult result : converted) {
            xml.start("uws", "result", UWS)
                    .attribute("id", result.id())
                    .attribute("xlink", XLINK, "href", base + "/" + job.id().value() + "/results/" + result.id());
            if (result.size().isPresent()) {
                xml.attribute("size", Long.toString(result.size().getAsLong()));
            }
            xml.attribute("mime-type", xmlText(result.mimeType())).end();
        }
    }

    /**
     * jobInfo (UWS 2.2.2.2: anything the service adds) holds one {@code conversion} element,
     * in the namespace {@value #JOB_INFO}, per result that is being converted or is stored:
     * {@code result} its id, {@code format} its RESPONSEFORMAT, {@code state} converting or
     * stored, and {@code converter} and {@code since} (who converts it, since when) or
     * {@code size}. Nothing is written when no conversion was asked for.
     */
    private static void jobInfo(XmlDocument xml, List<ConvertedResult> asked) throws XMLStreamException {
        if (asked.isEmpty()) {
            return;
        }
        xml.start("uws", "jobInfo", UWS);
        for (ConvertedResult result : asked) {
            xml.start(JOB_INFO_PREFIX, "conversion", JOB_INFO)
                    .attribute("result", result.id())
                    .attribute("format", xmlText(result.format()))
                    .attribute("state", result.state().value());
            if (result.converter().isPresent()) {
                xml.attribute("converter", xmlText(result.converter().get()));
            }
            if (result.since().isPresent()) {
                xml.attribute("since", timestamp(result.since().get()));
            }
            if (result.size().isPresent()) {
                xml.attribute("size", Long.toString(result.size().getAsLong()));
            }
            xml.end();
        }
        xml.end();
    }

    private static void text(XmlDocument xml, String name, String value) throws XMLStreamException {
        xml.start("uws", name, UWS).text(xmlText(value)).end();
    }

    /** A nillable element: xsi:nil when there is no value (anonymous owner, unknown times). */
    private static void nillable(XmlDocument xml, String name, String value) throws XMLStreamException {
        xml.elementOrNil("uws", name, UWS, value == null ? null : xmlText(value));
    }

    private static String base(String jobsUrl) {
        requireNonNull(jobsUrl, "jobsUrl is null");
        return jobsUrl.endsWith("/") ? jobsUrl.substring(0, jobsUrl.length() - 1) : jobsUrl;
    }

    /**
     * The text with every character XML 1.0 cannot carry (most control characters, lone
     * surrogates) replaced by U+FFFD. A parameter is the client's text, verbatim; one stray
     * control character must not make the whole job document unreadable.
     */
    static String xmlText(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(allowed ? c : '\uFFFD');
            }
        }
        return clean == null ? text : clean.toString();
    }
}
