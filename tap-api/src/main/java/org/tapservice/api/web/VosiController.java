package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.config.ArchiveDatabase;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TableDescription;
import org.tapservice.core.scs.ConeSearch;
import org.tapservice.core.vosi.AvailabilityDocument;
import org.tapservice.core.vosi.CapabilitiesDocument;
import org.tapservice.core.vosi.TablesDocument;

/** VOSI 1.1: capabilities, availability and tables. */
@RestController
public class VosiController {

    private static final String XML = "text/xml;charset=UTF-8";

    private final CapabilitiesDocument capabilities;
    private final TablesDocument tables;
    private final AvailabilityDocument availability;
    private final CatalogCache catalogs;
    private final DataSource archive;
    private final ConeSearch coneSearch;

    public VosiController(CapabilitiesDocument capabilities, TablesDocument tables, AvailabilityDocument availability,
                          CatalogCache catalogs, ArchiveDatabase archive, ConeSearch coneSearch) {
        this.coneSearch = requireNonNull(coneSearch, "coneSearch is null");
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.availability = requireNonNull(availability, "availability is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.archive = requireNonNull(archive, "archive is null").dataSource();
    }

    @GetMapping("/capabilities")
    public void capabilities(HttpServletResponse response) throws IOException {
        response.setContentType(XML);
        capabilities.write(RequestParameters.baseUrl(),
                coneSearch.tables().stream().map(table -> table.table().name()).toList(), response.getOutputStream());
    }

    @GetMapping("/availability")
    public void availability(HttpServletResponse response) throws IOException {
        boolean up = archiveAnswers();
        response.setContentType(XML);
        availability.write(up, up ? "The service is accepting queries."
                : "The archive database does not answer; queries cannot run at the moment.", response.getOutputStream());
    }

    @GetMapping("/tables")
    public void tables(@RequestParam(name = "detail", required = false) String detail, HttpServletResponse response)
            throws IOException {
        TablesDocument.Detail level = detail == null ? TablesDocument.Detail.MAX : switch (detail.toLowerCase(Locale.ROOT)) {
            case "min" -> TablesDocument.Detail.MIN;
            case "max" -> TablesDocument.Detail.MAX;
            default -> throw TapException.invalid("detail must be min or max, got '" + detail + "'");
        };
        response.setContentType(XML);
        tables.writeTableset(catalogs.current().schema(), level, response.getOutputStream());
    }

    @GetMapping("/tables/{name}")
    public void table(@PathVariable String name, HttpServletResponse response) throws IOException {
        TableDescription table = catalogs.current().schema().table(name).orElseThrow(() ->
                new TapException(ErrorKind.NOT_FOUND, "no table named '" + name + "' is published here"));
        response.setContentType(XML);
        tables.writeTable(table, response.getOutputStream());
    }

    private boolean archiveAnswers() {
        try (Connection connection = archive.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
