package org.tapservice.api.admin.obscore;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;

import javax.sql.DataSource;

import org.tapservice.api.admin.AdminException;
import org.tapservice.api.admin.publish.ColumnMetadata;
import org.tapservice.api.admin.publish.PublishReport;
import org.tapservice.api.admin.publish.TableMetadata;
import org.tapservice.api.admin.publish.TableName;
import org.tapservice.api.admin.publish.TablePublisher;
import org.tapservice.api.admin.publish.TapType;
import org.tapservice.obscore.BuildReport;
import org.tapservice.obscore.ObsCoreBuilder;
import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.expr.ExpressionLimits;
import org.tapservice.obscore.load.LoadException;
import org.tapservice.obscore.load.ObsCoreTable;
import org.tapservice.obscore.mapping.MappingException;
import org.tapservice.obscore.mapping.ObsCoreMapping;

/**
 * The admin side of ivoa.obscore: builds (or re-maps) the table with the builder, then publishes
 * it in TAP_SCHEMA with the units, UCDs and utypes ObsCore 1.1 lists for each column.
 */
public final class ObsCoreAdmin {

    public static final TableName TABLE = new TableName(ObsCoreTable.SCHEMA, ObsCoreTable.TABLE);

    private final DataSource dataSource;
    private final TablePublisher publisher;

    public ObsCoreAdmin(DataSource dataSource, TablePublisher publisher) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
    }

    public record Outcome(BuildReport build, PublishReport published) {
    }

    public Outcome build(Path directory, Optional<Path> mappingFile) {
        ObsCoreBuilder builder = builder(mappingFile);
        try {
            return publish(builder.build(directory, new ObsCoreTable(dataSource)));
        } catch (IllegalArgumentException | LoadException e) {
            throw new AdminException(e.getMessage(), e);
        }
    }

    public Outcome applyMapping(Optional<Path> mappingFile) {
        ObsCoreBuilder builder = builder(mappingFile);
        try {
            return publish(builder.reapply(new ObsCoreTable(dataSource)));
        } catch (LoadException e) {
            throw new AdminException(e.getMessage(), e);
        }
    }

    private Outcome publish(BuildReport report) {
        return new Outcome(report, publisher.publish(TABLE, metadata(), "ObsCore 1.1"));
    }

    private static ObsCoreBuilder builder(Optional<Path> mappingFile) {
        try {
            ObsCoreMapping mapping = mappingFile.map(file -> ObsCoreMapping.read(file, ExpressionLimits.DEFAULT))
                    .orElse(ObsCoreMapping.NONE);
            return new ObsCoreBuilder(mapping, System::getenv);
        } catch (MappingException e) {
            throw new AdminException(e.getMessage(), e);
        }
    }

    /** The standard's TAP_SCHEMA entry for ivoa.obscore (ObsCore 1.1 appendix C). */
    public static TableMetadata metadata() {
        var columns = new LinkedHashMap<String, ColumnMetadata>();
        for (ObsCoreField field : ObsCoreField.values()) {
            // s_region as ObsCore 1.1's table types it, an ADQL REGION (STC-S), not as a DALI polygon
            Optional<String> xtype = field.kind() == ObsCoreField.Kind.REGION
                    ? TapType.REGION.xtype() : Optional.empty();
            columns.put(field.column(), new ColumnMetadata(field.unit(), Optional.of(field.ucd()),
                    Optional.of(field.utype()), Optional.of(field.description()), Optional.of(true), Optional.of(true),
                    xtype));
        }
        return new TableMetadata(Optional.of("ObsCore 1.1: one row per data set of the archive's collections"),
                Optional.empty(), columns);
    }
}
