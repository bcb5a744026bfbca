package org.tapservice.obscore;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of ivoa.obscore: each field's value in its kind's Java type (String, Integer, Long,
 * Double, SkyPolygon) or absent for NULL.
 */
public record ObsCoreRow(Map<ObsCoreField, Object> values) {

    public ObsCoreRow {
        var copy = new EnumMap<ObsCoreField, Object>(ObsCoreField.class);
        copy.putAll(values);
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<Object> get(ObsCoreField field) {
        return Optional.ofNullable(values.get(field));
    }

    public String publisherDid() {
        return (String) values.get(ObsCoreField.OBS_PUBLISHER_DID);
    }

    /** The NOT NULL fields this row lacks; it can be loaded only when there are none. */
    public List<ObsCoreField> missingRequired() {
        return java.util.Arrays.stream(ObsCoreField.values())
                .filter(field -> field.required() && !values.containsKey(field)).toList();
    }
}
