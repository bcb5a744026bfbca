package org.tapservice.api.config;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.servlet.MultipartConfigElement;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.TranslatorLimits;
import org.tapservice.api.security.SecurityProperties;
import org.tapservice.core.datalink.LinksService;
import org.tapservice.core.query.ExecutionSettings;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.query.QueryObserver;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.scs.ConeSearch;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.upload.RemoteTableFetcher;
import org.tapservice.core.upload.TableUploads;
import org.tapservice.core.upload.UploadLimits;
import org.tapservice.core.vosi.AvailabilityDocument;
import org.tapservice.core.vosi.CapabilitiesDocument;
import org.tapservice.core.vosi.TablesDocument;
import org.tapservice.votable.ResultFormats;

/** Wires tap-core's framework-free pieces into the application. */
@Configuration(proxyBeanMethods = false)
public class TapConfiguration {

    /** Room in a multipart body for the parameters besides the uploaded tables. */
    private static final long FORM_FIELDS = 1 << 20;

    @Bean
    ArchiveDatabase archiveDatabase(TapProperties properties, ObjectProvider<MeterRegistry> metrics) {
        ArchiveDatabase archive = new ArchiveDatabase(properties.archive(),
                Optional.ofNullable(metrics.getIfAvailable()));
        archive.warnIfWritable();
        return archive;
    }

    /**
     * The archive pool in /actuator/health as {@code archive}, beside Spring Boot's {@code db}
     * (the state pool) and {@code redis}: the pool is no DataSource bean, so Boot does not see it.
     */
    @Bean
    DataSourceHealthIndicator archiveHealthIndicator(ArchiveDatabase archive) {
        return new DataSourceHealthIndicator(archive.dataSource(), "SELECT 1");
    }

    @Bean
    AdqlTranslator adqlTranslator(AdqlProperties adql) {
        return new AdqlTranslator(TranslatorLimits.defaults(), adql.functionCatalog());
    }

    @Bean
    ResultFormats resultFormats() {
        return ResultFormats.standard();
    }

    @Bean
    OutputLimits outputLimits(TapProperties properties) {
        return new OutputLimits(properties.maxrec().defaultValue(), properties.maxrec().limit());
    }

    /** TAP_SCHEMA is read through the state pool: a crowd of user queries must not delay it. */
    @Bean
    CatalogCache catalogCache(DataSource stateDataSource, TapProperties properties) {
        return new CatalogCache(new TapSchemaLoader(stateDataSource), properties.catalogRefresh(), Clock.systemUTC());
    }

    @Bean
    UploadLimits uploadLimits(UploadProperties properties) {
        return properties.limits();
    }

    @Bean
    TableUploads tableUploads(UploadLimits limits, UploadProperties properties) {
        return new TableUploads(limits, new RemoteTableFetcher(properties.remote()));
    }

    /**
     * Multipart bodies as uploads need them: every part spooled to disk (never held in memory),
     * and a body larger than the upload limit refused before it is read. Replaces Spring Boot's
     * spring.servlet.multipart settings, so that the one limit cannot disagree with itself.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadLimits limits) {
        long maxBytes = limits.maxBytes();
        return new MultipartConfigElement("", maxBytes, maxBytes + FORM_FIELDS, 0);
    }

    @Bean
    QueryEngine queryEngine(ArchiveDatabase archive, AdqlTranslator translator, CatalogCache catalogs,
                            ResultFormats formats, TapProperties properties, TableUploads uploads,
                            QueryObserver observer) {
        return new QueryEngine(archive.dataSource(), translator, catalogs, formats, new ExecutionSettings(
                properties.archive().fetchSize(), properties.archive().copyResults()), uploads, observer);
    }

    /** DataLink {links} reads tap_links on the archive pool, where the archive's own tables are. */
    @Bean
    LinksService linksService(ArchiveDatabase archive, ResultFormats formats) {
        return new LinksService(archive.dataSource(), formats);
    }

    @Bean
    ConeSearch coneSearch(QueryEngine engine, CatalogCache catalogs, ConeSearchProperties properties) {
        return new ConeSearch(engine, catalogs, properties.tables());
    }

    @Bean
    QueryRequestParser queryRequestParser(OutputLimits limits) {
        return new QueryRequestParser(limits);
    }

    @Bean
    CapabilitiesDocument capabilitiesDocument(AdqlTranslator translator, ResultFormats formats, OutputLimits limits,
                                              UploadLimits uploadLimits, SecurityProperties security) {
        return new CapabilitiesDocument(new CapabilitiesDocument.TapCapability(
                translator.features(), formats.formats(), limits, uploadLimits), security.securityMethods());
    }

    @Bean
    TablesDocument tablesDocument() {
        return new TablesDocument();
    }

    @Bean
    AvailabilityDocument availabilityDocument() {
        return new AvailabilityDocument();
    }
}
