package org.tapservice.api.web;

import java.util.Arrays;
import java.util.List;

import org.tapservice.core.schema.TableDescription;
import org.tapservice.core.schema.TapSchema;
import org.tapservice.core.vosi.CapabilitiesDocument.DataModel;
import org.tapservice.obscore.ObsCoreField;

/**
 * The data models /capabilities declares, judged from what TAP_SCHEMA publishes now: ObsCore
 * 1.1 only while ivoa.obscore is published with every mandatory column, as the standard
 * (section 5) asks.
 */
final class PublishedDataModels {

    private PublishedDataModels() {
    }

    static List<DataModel> of(TapSchema schema) {
        boolean obsCore = schema.table("ivoa.obscore").filter(PublishedDataModels::hasEveryObsCoreColumn).isPresent();
        return obsCore ? List.of(DataModel.OBSCORE_1_1) : List.of();
    }

    private static boolean hasEveryObsCoreColumn(TableDescription table) {
        return Arrays.stream(ObsCoreField.values()).allMatch(field -> table.column(field.column()).isPresent());
    }
}
