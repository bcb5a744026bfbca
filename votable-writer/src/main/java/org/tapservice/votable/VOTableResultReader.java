package org.tapservice.votable;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.Namespacing;
import uk.ac.starlink.votable.TableContentHandler;
import uk.ac.starlink.votable.TableHandler;

/**
 * Reads a result document that {@link VOTableResultWriter} wrote (any serialization) back as
 * the {@link ResultTable} it was written from, so that a stored result can be written again in
 * another format without running its query again: the FIELDs become {@link ColumnMetadata}
 * (their COOSYS or TIMESYS as the {@link Frame}), the INFOs before the TABLE the table's infos
 * (QUERY_STATUS left out: every writer writes its own), and a trailing
 * {@code QUERY_STATUS=OVERFLOW} makes the cursor {@link RowCursor#truncated() truncated}, a
 * trailing {@code ERROR} makes it fail with the message after the last row. The DataLink service
 * descriptors after the results RESOURCE come back as the cursor's
 * {@link RowCursor#trailingServices() trailing services}, their input parameters bound to the
 * columns whose FIELDs they referred to, so that a VOTable copy carries them too.
 *
 * <p>One pass, constant memory: STIL's SAX handler decodes the rows on a virtual thread of
 * the reader's own, which hands them over in batches through a queue of a few batches; the
 * cursor takes them as the writer asks. SAX pushes and writers pull, hence the thread.
 */
public final class VOTableResultReader {

    private static final Namespacing NAMESPACING = Namespacing.getInstance();
    private static final int BATCH_ROWS = 512;
    private static final int QUEUED_BATCHES = 4;

    private VOTableResultReader() {
    }

    /**
     * Reads the document's metadata and returns once the first row can be asked for. The rows
     * follow as the table's cursor asks for them; closing the cursor stops the reading and
     * closes {@code in}, which the cursor owns from now on.
     *
     * @throws IOException when the bytes are not a result VOTable or cannot be read
     */
    public static ResultTable read(InputStream in) throws IOException {
        Rows rows = new Rows(in);
        rows.start();
        try {
            Header header = rows.header.get();
            return new ResultTable(header.columns(), rows, Long.MAX_VALUE, header.infos());
        } catch (InterruptedException e) {
            rows.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a stored result");
        } catch (ExecutionException e) {
            rows.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private record Header(List<ColumnMetadata> columns, List<Info> infos) {
    }

    /**
     * What ends the rows: how the document ended after its TABLE and the service descriptors
     * that followed it, or why it could not be read.
     */
    private record End(boolean overflow, String error, IOException failure, List<ServiceDescriptor> services) {
    }

    /** The cursor, fed by the parsing thread. */
    private static final class Rows implements RowCursor {

        private final InputStream in;
        private final CompletableFuture<Header> header = new CompletableFuture<>();
        private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private Thread parsing;
        private List<Object[]> batch = List.of();
        private int next;
        private Object[] row;
        private End end;
        private volatile boolean closed;

        Rows(InputStream in) {
            this.in = in;
        }

        void start() {
            parsing = Thread.ofVirtual().name("stored-result-reader").start(this::parse);
        }

        @Override
        public boolean next() throws IOException {
            while (next == batch.size()) {
                if (end != null) {
                    return ended();
                }
                Object taken = take();
                if (taken instanceof End finished) {
                    end = finished;
                    return ended();
                }
                @SuppressWarnings("unchecked")
                List<Object[]> rows = (List<Object[]>) taken;
                batch = rows;
                next = 0;
            }
            row = batch.get(next++);
            return true;
        }

        private boolean ended() throws IOException {
            row = null;
            if (end.failure() != null) {
                throw end.failure();
            }
            if (end.error() != null) {
                throw new IOException(end.error());
            }
            return false;
        }

        private Object take() throws IOException {
            try {
                return batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a stored result");
            }
        }

        @Override
        public Object cell(int column) {
            if (row == null) {
                throw new IllegalStateException("no current row");
            }
            return row[column];
        }

        @Override
        public boolean truncated() {
            return end != null && end.overflow();
        }

        @Override
        public List<ServiceDescriptor> trailingServices() {
            return end == null ? List.of() : end.services();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (parsing != null) {
                parsing.interrupt();
            }
            in.close();
        }

        private void parse() {
            Handler handler = new Handler(this);
            try (InputStream stream = in) {
                XMLReader parser = parser();
                parser.setContentHandler(handler);
                parser.parse(new InputSource(stream));
                handler.flush();
                if (!header.isDone()) {
                    throw new IOException("the stored result holds no TABLE");
                }
                put(new End(handler.overflow, handler.error, null, List.copyOf(handler.services)));
            } catch (IOException | SAXException | RuntimeException e) {
                if (closed) {
                    return;
                }
                IOException failure = e instanceof IOException io ? io
                        : new IOException("the stored result cannot be read: " + e.getMessage(), e);
                if (!header.completeExceptionally(failure)) {
                    offerFailure(failure);
                }
            }
        }

        void accept(Header read) {
            header.complete(read);
        }

        void put(Object item) throws IOException {
            try {
                batches.put(item);
            } catch (InterruptedException e) {
                // the cursor was closed: nobody takes the rows any more
                throw new InterruptedIOException("reading stopped");
            }
        }

        private void offerFailure(IOException failure) {
            try {
                put(new End(false, null, failure, List.of()));
            } catch (IOException e) {
                // closed meanwhile: nobody is left to tell
            }
        }
    }

    private static XMLReader parser() throws IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            NAMESPACING.configureSAXParserFactory(factory);
            // our own documents, but a parser that never reaches out costs nothing
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /**
     * STIL's handler decodes the TABLE; around it, this one reads what STIL keeps no account
     * of in a streamed table: the results RESOURCE's INFOs, the FIELDs' attributes as written,
     * the frames they refer to and the service descriptors after the results.
     */
    private static final class Handler extends TableContentHandler {

        private final Rows rows;
        private final List<Info> infos = new ArrayList<>();
        private final List<Map<String, String>> fields = new ArrayList<>();
        private final Map<String, Frame> frames = new HashMap<>();
        private final List<String> path = new ArrayList<>();
        private List<ColumnMetadata> columns;
        private List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
        private boolean tableSeen;
        private boolean overflow;
        private String error;
        private final List<ServiceDescriptor> services = new ArrayList<>();
        private Map<String, String> info;
        private StringBuilder text;
        /** Where the DESCRIPTION being read goes: a FIELD's, a descriptor's or a PARAM's attributes. */
        private Map<String, String> described;
        private Service service;

        Handler(Rows rows) {
            // strict: a char FIELD without arraysize is one character, as VOTable says and we write
            super(true);
            this.rows = rows;
            setReadHrefTables(false);
            setTableHandler(new TableHandler() {
                @Override
                public void startTable(StarTable metadata) {
                    columns = columns();
                    rows.accept(new Header(columns, List.copyOf(infos)));
                }

                @Override
                public void rowData(Object[] row) throws SAXException {
                    Object[] cells = new Object[row.length];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = fromStil(columns.get(i), row[i]);
                    }
                    batch.add(cells);
                    if (batch.size() == BATCH_ROWS) {
                        flushRows();
                    }
                }

                @Override
                public void endTable() throws SAXException {
                    flushRows();
                    tableSeen = true;
                }
            });
        }

        void flush() throws IOException {
            if (!batch.isEmpty()) {
                rows.put(batch);
                batch = new ArrayList<>(BATCH_ROWS);
            }
        }

        private void flushRows() throws SAXException {
            try {
                flush();
            } catch (IOException e) {
                throw new SAXException(e.getMessage(), e);
            }
        }

        @Override
        public void startElement(String namespace, String localName, String qName, Attributes attributes)
                throws SAXException {
            String tag = NAMESPACING.getVOTagName(namespace, localName, qName);
            switch (tag) {
                case "INFO" -> {
                    if (path.size() == 2 && "RESOURCE".equals(path.get(1))) {
                        info = attributes(attributes);
                        text = new StringBuilder();
                    }
                }
                case "FIELD" -> fields.add(attributes(attributes));
                case "DESCRIPTION" -> {
                    described = describedBy(path.isEmpty() ? "" : path.getLast());
                    if (described != null) {
                        text = new StringBuilder();
                    }
                }
                case "RESOURCE" -> {
                    // DataLink 1.1 section 4: a service descriptor is a meta RESOURCE under VOTABLE
                    if (path.size() == 1 && "meta".equals(attributes.getValue("type"))
                            && "adhoc:service".equals(attributes.getValue("utype"))) {
                        service = new Service(attributes(attributes));
                    }
                }
                case "PARAM" -> {
                    if (service != null) {
                        service.param(attributes(attributes), "GROUP".equals(path.getLast()));
                    }
                }
                case "GROUP" -> {
                    if (service != null && !"inputParams".equals(attributes.getValue("name"))) {
                        service.inOtherGroup = true;
                    }
                }
                case "COOSYS" -> frames.put(attributes.getValue("ID"),
                        new Frame.Coordinates(attributes.getValue("system"), attributes.getValue("epoch")));
                case "TIMESYS" -> frames.put(attributes.getValue("ID"),
                        new Frame.Time(attributes.getValue("timescale"), attributes.getValue("refposition")));
                default -> { }
            }
            path.add(tag);
            super.startElement(namespace, localName, qName, attributes);
        }

        @Override
        public void characters(char[] characters, int start, int length) throws SAXException {
            if (text != null) {
                text.append(characters, start, length);
            }
            super.characters(characters, start, length);
        }

        @Override
        public void endElement(String namespace, String localName, String qName) throws SAXException {
            String tag = path.removeLast();
            if (tag.equals("INFO") && info != null) {
                endInfo(info.get("name"), info.getOrDefault("value", ""), text.toString());
                info = null;
                text = null;
            } else if (tag.equals("DESCRIPTION") && described != null) {
                described.put("DESCRIPTION", text.toString());
                described = null;
                text = null;
            } else if (tag.equals("GROUP") && service != null) {
                service.inOtherGroup = false;
            } else if (tag.equals("RESOURCE") && service != null && path.size() == 1) {
                service.descriptor(fieldNamesById()).ifPresent(services::add);
                service = null;
            }
            super.endElement(namespace, localName, qName);
        }

        /** The attributes a DESCRIPTION in this element belongs to, or null for one we keep no account of. */
        private Map<String, String> describedBy(String parent) {
            if (parent.equals("FIELD")) {
                return fields.getLast();
            }
            if (service == null) {
                return null;
            }
            return switch (parent) {
                case "RESOURCE" -> service.attributes;
                case "PARAM" -> service.lastParam;
                default -> null;
            };
        }

        private Map<String, String> fieldNamesById() {
            Map<String, String> names = new HashMap<>();
            for (Map<String, String> field : fields) {
                if (field.get("ID") != null) {
                    names.put(field.get("ID"), field.get("name"));
                }
            }
            return names;
        }

        private void endInfo(String name, String value, String content) {
            if (name == null) {
                return;
            }
            if (name.equals("QUERY_STATUS")) {
                // before the TABLE it is OK (every writer writes its own); after it, how the rows ended
                if (tableSeen && value.equals("OVERFLOW")) {
                    overflow = true;
                } else if (tableSeen && value.equals("ERROR")) {
                    error = content.isBlank() ? "the stored result ends with QUERY_STATUS=ERROR" : content;
                }
            } else if (!tableSeen) {
                infos.add(new Info(name, value, content.isEmpty() ? null : content));
            }
        }

        private List<ColumnMetadata> columns() {
            List<ColumnMetadata> read = new ArrayList<>(fields.size());
            for (Map<String, String> field : fields) {
                String ref = field.get("ref");
                read.add(new ColumnMetadata(field.get("name"), Datatype.fromVOTable(field.get("datatype")),
                        field.get("arraysize"), field.get("xtype"), field.get("unit"), field.get("ucd"),
                        field.get("utype"), field.get("DESCRIPTION"), ref == null ? null : frames.get(ref)));
            }
            return read;
        }

        private static Map<String, String> attributes(Attributes attributes) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                map.put(attributes.getLocalName(i).isEmpty() ? attributes.getQName(i) : attributes.getLocalName(i),
                        attributes.getValue(i));
            }
            return map;
        }

        /**
         * A cell as STIL decoded it, made the class {@link ColumnMetadata#contentClass()} asks
         * for: STIL gives a single char as a Character and unsigned bytes widened to shorts.
         */
        private static Object fromStil(ColumnMetadata column, Object cell) {
            return switch (cell) {
                case null -> null;
                case Character c -> String.valueOf(c);
                case short[] shorts when column.datatype() == Datatype.UNSIGNED_BYTE -> narrow(shorts);
                default -> cell;
            };
        }

        private static byte[] narrow(short[] shorts) {
            byte[] bytes = new byte[shorts.length];
            for (int i = 0; i < shorts.length; i++) {
                bytes[i] = (byte) shorts[i];
            }
            return bytes;
        }
    }

    /** A service descriptor as it is read: its RESOURCE's attributes and its PARAMs'. */
    private static final class Service {

        private final Map<String, String> attributes;
        private final List<Map<String, String>> params = new ArrayList<>();
        private final List<Map<String, String>> inputParams = new ArrayList<>();
        private Map<String, String> lastParam;
        private boolean inOtherGroup;

        Service(Map<String, String> attributes) {
            this.attributes = attributes;
        }

        void param(Map<String, String> param, boolean inGroup) {
            lastParam = param;
            if (!inGroup) {
                params.add(param);
            } else if (!inOtherGroup) {
                inputParams.add(param);
            }
        }

        /**
         * The descriptor, its input parameters' refs turned back into the names of the columns
         * they referred to (a writer gives the FIELDs their IDs anew); empty for one with a PARAM
         * without a name or a VOTable datatype and arraysize, which no writer here wrote.
         */
        Optional<ServiceDescriptor> descriptor(Map<String, String> fieldNamesById) {
            if (Stream.concat(params.stream(), inputParams.stream()).anyMatch(param -> param.get("name") == null)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ServiceDescriptor(attributes.get("ID"), attributes.get("name"),
                        attributes.get("DESCRIPTION"), params.stream().map(param -> param(param, Map.of())).toList(),
                        inputParams.stream().map(param -> param(param, fieldNamesById)).toList()));
            } catch (IllegalArgumentException notOurs) {
                return Optional.empty();
            }
        }

        private static ServiceParam param(Map<String, String> param, Map<String, String> fieldNamesById) {
            String ref = param.get("ref");
            return new ServiceParam(param.get("name"), Datatype.fromVOTable(param.get("datatype")),
                    param.get("arraysize"), param.getOrDefault("value", ""), param.get("ucd"),
                    ref == null ? null : fieldNamesById.get(ref), param.get("DESCRIPTION"));
        }
    }
}
