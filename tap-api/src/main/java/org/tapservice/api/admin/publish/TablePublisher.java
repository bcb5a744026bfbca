package org.tapservice.api.admin.publish;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.admin.AdminException;

/**
 * Publishes a database table in TAP_SCHEMA: structure from pg_catalog, descriptions from the
 * metadata, written in one transaction (joining the caller's, if any).
 */
public final class TablePublisher {

    private static final int KEY_ID_LENGTH = 64;

    private final PgCatalog catalog;
    private final TapSchemaStore store;
    private final TransactionTemplate transactions;
    private final ReaderGrants grants;

    public TablePublisher(PgCatalog catalog, TapSchemaStore store, TransactionTemplate transactions,
                          ReaderGrants grants) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.store = requireNonNull(store, "store is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.grants = requireNonNull(grants, "grants is null");
    }

    /** {@code source} names where the metadata came from, for error messages. */
    public PublishReport publish(TableName name, TableMetadata metadata, String source) {
        refuseTapSchema(name);
        return transactions.execute(status -> {
            PgCatalog.Relation relation = catalog.find(name)
                    .orElseThrow(() -> new AdminException("no table or view " + name + " in the database"));
            metadata.checkColumnsExist(relation.columns().stream().map(PgCatalog.Column::name)
                    .collect(Collectors.toSet()), name, source);
            var warnings = new ArrayList<String>();
            List<PublishedTable.Column> columns = columns(relation, metadata, warnings);
            var table = new PublishedTable(name, relation.view(), metadata.description(), metadata.utype(),
                    columns, keys(relation, columns, warnings));
            store.replace(table);
            grants.grant(name);
            return new PublishReport(table, warnings);
        });
    }

    public boolean unpublish(TableName name) {
        refuseTapSchema(name);
        return transactions.execute(status -> {
            grants.revoke(name);
            return store.remove(name);
        });
    }

    private static void refuseTapSchema(TableName name) {
        if (name.isTapSchema()) {
            throw new AdminException("TAP_SCHEMA describes itself through the service's migrations; "
                    + "it cannot be published or unpublished");
        }
    }

    private static List<PublishedTable.Column> columns(PgCatalog.Relation relation, TableMetadata metadata,
            List<String> warnings) {
        var columns = new ArrayList<PublishedTable.Column>();
        for (PgCatalog.Column column : relation.columns()) {
            ColumnMetadata described = metadata.column(column.name());
            var type = described.xtype().isPresent()
                    ? Optional.of(typeWithXtype(column, described.xtype().get()))
                    : TapType.of(column.type());
            if (type.isEmpty()) {
                warnings.add("column " + column.name() + " skipped: PostgreSQL type " + column.type().declared()
                        + " has no TAP datatype");
                continue;
            }
            // Without a say from the metadata, the primary key is what a client should show.
            boolean principal = described.principal().orElse(column.primaryKey());
            columns.add(new PublishedTable.Column(AdqlIdentifiers.column(column.name()), type.get(), described,
                    principal, column.indexed(), columns.size()));
        }
        return columns;
    }

    /** A type asked for by the metadata is one the service can write, or the publication fails. */
    private static TapType typeWithXtype(PgCatalog.Column column, String xtype) {
        return TapType.of(column.type(), xtype).orElseThrow(() -> new AdminException("column " + column.name()
                + ": a PostgreSQL " + column.type().declared() + " cannot be published with xtype " + xtype
                + " (adql:REGION is for the pgsphere types spoint, scircle, sbox and spoly)"));
    }

    /**
     * The foreign keys between this table and tables already published (in both directions, since
     * replacing the table's rows drops the keys into it too). A key whose other table is not
     * published yet is left out; publishing that table later adds it.
     */
    private List<PublishedTable.Key> keys(PgCatalog.Relation relation, List<PublishedTable.Column> ownColumns,
            List<String> warnings) {
        Set<String> own = ownColumns.stream().map(PublishedTable.Column::name).collect(Collectors.toSet());
        var keys = new ArrayList<PublishedTable.Key>();
        for (PgCatalog.ForeignKey key : relation.foreignKeys()) {
            List<String> fromColumns = key.fromColumns().stream().map(AdqlIdentifiers::column).toList();
            List<String> targetColumns = key.targetColumns().stream().map(AdqlIdentifiers::column).toList();
            TableName other = key.from().equals(relation.name()) ? key.target() : key.from();
            if (!other.equals(relation.name()) && !store.isPublished(other)) {
                continue;
            }
            if (!publishedColumns(key.from(), relation.name(), own).containsAll(fromColumns)
                    || !publishedColumns(key.target(), relation.name(), own).containsAll(targetColumns)) {
                warnings.add("foreign key " + key.name() + " skipped: one of its columns is not published");
                continue;
            }
            keys.add(new PublishedTable.Key(keyId(key), key.from().tapName(), key.target().tapName(),
                    fromColumns, targetColumns));
        }
        return keys;
    }

    /** The columns of {@code table} in TAP_SCHEMA once this publish is done. */
    private Set<String> publishedColumns(TableName table, TableName publishing, Set<String> own) {
        return table.equals(publishing) ? own : store.columnNames(table);
    }

    /** Constraint names are unique per table, so the table name makes them unique service-wide. */
    private static String keyId(PgCatalog.ForeignKey key) {
        String id = key.from().tapName() + "." + key.name();
        if (id.length() <= KEY_ID_LENGTH) {
            return id;
        }
        // key_id is varchar(64): keep a readable prefix and make it unique with a hash of the rest
        return id.substring(0, KEY_ID_LENGTH - 9) + "~" + "%08x".formatted(id.hashCode());
    }
}
