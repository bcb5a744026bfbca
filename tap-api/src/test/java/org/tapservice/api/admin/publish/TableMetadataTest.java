package org.tapservice.api.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tapservice.api.admin.AdminException;

class TableMetadataTest {

    @Test
    void parse_Example_ShouldReadTableAndColumns() {
        var metadata = TableMetadata.parse("""
                description: Synthetic stars
                columns:
                  ra: {unit: deg, ucd: pos.eq.ra;meta.main, description: Right ascension (ICRS)}
                  flag: {principal: false, std: true}
                  dec:
                  footprint: {xtype: adql:REGION}
                """, "m.yaml");

        assertThat(metadata.description()).contains("Synthetic stars");
        assertThat(metadata.utype()).isEmpty();
        assertThat(metadata.column("ra")).isEqualTo(new ColumnMetadata(Optional.of("deg"),
                Optional.of("pos.eq.ra;meta.main"), Optional.empty(), Optional.of("Right ascension (ICRS)"),
                Optional.empty()));
        assertThat(metadata.column("flag").principal()).contains(false);
        assertThat(metadata.column("flag").std()).contains(true);
        assertThat(metadata.column("dec")).isEqualTo(ColumnMetadata.NONE);
        assertThat(metadata.column("footprint").xtype()).contains("adql:REGION");
        assertThat(metadata.column("ra").xtype()).isEmpty();
        assertThat(metadata.column("absent")).isEqualTo(ColumnMetadata.NONE);
    }

    @Test
    void parse_EmptyFile_ShouldBeNone() {
        assertThat(TableMetadata.parse("", "m.yaml")).isEqualTo(TableMetadata.NONE);
    }

    @Test
    void parse_Mistakes_ShouldNameFileAndPlace() {
        assertThatThrownBy(() -> TableMetadata.parse("decription: x", "m.yaml"))
                .isInstanceOf(AdminException.class)
                .hasMessage("m.yaml: unknown key 'decription' (known: description, utype, columns)");
        assertThatThrownBy(() -> TableMetadata.parse("columns: {ra: {unti: deg}}", "m.yaml"))
                .hasMessageStartingWith("m.yaml: column ra: unknown key 'unti'");
        assertThatThrownBy(() -> TableMetadata.parse("columns: {ra: {principal: maybe}}", "m.yaml"))
                .hasMessage("m.yaml: column ra: principal must be true or false, not 'maybe'");
        assertThatThrownBy(() -> TableMetadata.parse("columns: [ra, dec]", "m.yaml"))
                .hasMessage("m.yaml: columns: expected a mapping of names to values");
        assertThatThrownBy(() -> TableMetadata.parse("columns: {ra: {unit: [deg]}}", "m.yaml"))
                .hasMessage("m.yaml: column ra: unit must be a single value");
        assertThatThrownBy(() -> TableMetadata.parse("columns: {ra: {unit: deg}", "m.yaml"))
                .hasMessageStartingWith("m.yaml: not valid YAML");
    }

    @Test
    void checkColumnsExist_UnknownColumns_ShouldListThem() {
        var metadata = TableMetadata.parse("columns: {ra: {unit: deg}, rra: {}, decc: {}}", "m.yaml");

        assertThatThrownBy(() -> metadata.checkColumnsExist(Set.of("ra", "dec"), new TableName("demo", "stars"), "m.yaml"))
                .hasMessage("m.yaml: demo.stars has no columns decc, rra");
    }
}
