package org.tapservice.core.vosi;

import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLStreamException;

import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.ForeignKeyDescription;
import org.tapservice.core.schema.SchemaDescription;
import org.tapservice.core.schema.TableDescription;
import org.tapservice.core.schema.TapSchema;
import org.tapservice.core.xml.XmlDocument;

/**
 * The VOSI 1.1 tables resource: TAP_SCHEMA as a VODataService tableset, either whole or
 * ({@link Detail#MIN}) without columns and keys, and a single table for /tables/{name}.
 */
public final class TablesDocument {

    static final String VOSI_TABLES = "http://www.ivoa.net/xml/VOSITables/v1.0";
    static final String VODATASERVICE = "http://www.ivoa.net/xml/VODataService/v1.1";

    /** VOSI 1.1 section 3.4: detail=min lists schemas and tables only. */
    public enum Detail { MIN, MAX }

    public void writeTableset(TapSchema schema, Detail detail, OutputStream out) throws IOException {
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("vosi", "tableset", VOSI_TABLES, "vs", VODATASERVICE);
            for (SchemaDescription description : schema.schemas()) {
                xml.start("schema").element("name", description.name())
                        .element("description", description.description())
                        .element("utype", description.utype());
                for (TableDescription table : description.tables()) {
                    writeTable(xml, table, detail);
                }
                xml.end();
            }
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the tableset: " + e.getMessage(), e);
        }
    }

    public void writeTable(TableDescription table, OutputStream out) throws IOException {
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("vosi", "table", VOSI_TABLES, "vs", VODATASERVICE).attribute("type", table.type());
            writeTableContent(xml, table, Detail.MAX);
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the table: " + e.getMessage(), e);
        }
    }

    private static void writeTable(XmlDocument xml, TableDescription table, Detail detail) throws XMLStreamException {
        xml.start("table").attribute("type", table.type());
        writeTableContent(xml, table, detail);
        xml.end();
    }

    private static void writeTableContent(XmlDocument xml, TableDescription table, Detail detail)
            throws XMLStreamException {
        xml.element("name", table.name()).element("description", table.description()).element("utype", table.utype());
        if (detail == Detail.MIN) {
            return;
        }
        for (ColumnDescription column : table.columns()) {
            writeColumn(xml, column);
        }
        for (ForeignKeyDescription key : table.foreignKeys()) {
            xml.start("foreignKey").element("targetTable", key.targetTable());
            for (ForeignKeyDescription.ColumnPair pair : key.columns()) {
                xml.start("fkColumn").element("fromColumn", pair.fromColumn())
                        .element("targetColumn", pair.targetColumn()).end();
            }
            xml.element("description", key.description()).element("utype", key.utype()).end();
        }
    }

    private static void writeColumn(XmlDocument xml, ColumnDescription column) throws XMLStreamException {
        xml.start("column").attribute("std", column.std() ? "true" : null)
                .element("name", column.name())
                .element("description", column.description())
                .element("unit", column.unit())
                .element("ucd", column.ucd())
                .element("utype", column.utype());
        // VODataService 1.1 carries the xtype as the dataType's extendedType attribute
        xml.start("dataType").xsiType("vs:VOTableType").attribute("arraysize", column.arraysize())
                .attribute("extendedType", column.xtype())
                .text(column.datatype()).end();
        if (column.indexed()) {
            xml.element("flag", "indexed");
        }
        if (column.principal()) {
            xml.element("flag", "principal");
        }
        xml.end();
    }
}
