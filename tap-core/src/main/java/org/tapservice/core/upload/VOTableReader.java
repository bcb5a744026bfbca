package org.tapservice.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.Namespacing;
import uk.ac.starlink.votable.TableContentHandler;
import uk.ac.starlink.votable.TableHandler;

/**
 * Streams the first TABLE of a VOTable in any serialization (TABLEDATA, BINARY, BINARY2, FITS)
 * with STIL's SAX handler, on a parser set up for documents from strangers: no external entity
 * or DTD is ever fetched, entity expansion is bounded (secure processing), and a STREAM that
 * points elsewhere (href) is refused. STIL's own streamer would follow such references, which
 * would let an upload make the service read local files or reach internal hosts.
 */
final class VOTableReader implements TableReader {

    private static final Namespacing NAMESPACING = Namespacing.getInstance();

    @Override
    public void read(UploadContent content, TableSink sink) throws IOException {
        FirstTable handler = new FirstTable(sink);
        XMLReader parser = parser();
        parser.setContentHandler(handler);
        try (InputStream in = content.open()) {
            parser.parse(new InputSource(in));
        } catch (FirstTable.Read done) {
            return;
        } catch (FirstTable.SinkFailure e) {
            throw e.failure();
        } catch (SAXParseException e) {
            throw new TableFormatException(e.getMessage() + " (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ")", e);
        } catch (SAXException e) {
            throw new TableFormatException(e.getMessage(), e);
        }
        throw new TableFormatException(handler.started ? "the document ends inside its TABLE"
                : "the document has no TABLE");
    }

    private static XMLReader parser() throws IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setValidating(false);
            NAMESPACING.configureSAXParserFactory(factory);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            // a DOCTYPE naming an external DTD (VOTable 1.0 documents have one) reads as empty
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            reader.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    // validity errors: a VOTable's content is judged by STIL, not by a schema
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("no XML parser for uploads: " + e.getMessage(), e);
        }
    }

    /** STIL's handler with the first TABLE sent to the sink, and parsing stopped after it. */
    private static final class FirstTable extends TableContentHandler {

        /** Ends the parse once the table is read; the rest of the document does not matter. */
        static final class Read extends SAXException {
            Read() {
                super("first table read");
            }
        }

        /** The sink's own failure, kept apart from the document's faults. */
        static final class SinkFailure extends SAXException {
            private final IOException failure;

            SinkFailure(IOException failure) {
                super(failure.getMessage());
                this.failure = failure;
            }

            IOException failure() {
                return failure;
            }
        }

        private boolean started;

        FirstTable(TableSink sink) {
            super(false);
            setReadHrefTables(false);
            setTableHandler(new TableHandler() {
                @Override
                public void startTable(StarTable metadata) throws SAXException {
                    started = true;
                    try {
                        sink.acceptMetadata(metadata);
                    } catch (IOException e) {
                        throw new SinkFailure(e);
                    }
                }

                @Override
                public void rowData(Object[] row) throws SAXException {
                    try {
                        sink.acceptRow(row);
                    } catch (IOException e) {
                        throw new SinkFailure(e);
                    }
                }

                @Override
                public void endTable() throws SAXException {
                    try {
                        sink.endRows();
                    } catch (IOException e) {
                        throw new SinkFailure(e);
                    }
                    throw new Read();
                }
            });
        }

        @Override
        public void startElement(String namespace, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("STREAM".equals(NAMESPACING.getVOTagName(namespace, localName, qName))
                    && attributes.getValue("href") != null) {
                throw new SAXParseException("a STREAM with an href (data kept elsewhere) is not accepted in "
                        + "uploads: send the data inline", getLocator());
            }
            super.startElement(namespace, localName, qName, attributes);
        }
    }
}
