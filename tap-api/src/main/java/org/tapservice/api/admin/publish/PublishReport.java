package org.tapservice.api.admin.publish;

import java.util.List;

/** What publish wrote, and what it had to leave out. */
public record PublishReport(PublishedTable table, List<String> warnings) {

    public PublishReport {
        warnings = List.copyOf(warnings);
    }

    public String summary() {
        return "published " + table.name().tapName() + " (" + (table.view() ? "view" : "table") + "): "
                + table.columns().size() + " columns, " + table.keys().size() + " keys";
    }
}
