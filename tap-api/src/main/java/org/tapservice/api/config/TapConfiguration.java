package org.tapservice.api.config;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.TranslatorLimits;
import org.tapservice.core.query.ExecutionSettings;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.vosi.AvailabilityDocument;
import org.tapservice.core.vosi.CapabilitiesDocument;
import org.tapservice.core.vosi.TablesDocument;
import org.tapservice.votable.ResultFormats;

/** Wires tap-core's framework-free pieces into the application. */
@Configuration(proxyBeanMethods = false)
public class TapConfiguration {

    @Bean
    ArchiveDatabase archiveDatabase(TapProperties properties) {
        return new ArchiveDatabase(properties.archive());
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
    QueryEngine queryEngine(ArchiveDatabase archive, AdqlTranslator translator, CatalogCache catalogs,
                            ResultFormats formats, TapProperties properties) {
        return new QueryEngine(archive.dataSource(), translator, catalogs, formats, new ExecutionSettings(
                properties.archive().fetchSize()));
    }

    @Bean
    QueryRequestParser queryRequestParser(OutputLimits limits) {
        return new QueryRequestParser(limits);
    }

    @Bean
    CapabilitiesDocument capabilitiesDocument(AdqlTranslator translator, ResultFormats formats, OutputLimits limits) {
        return new CapabilitiesDocument(new CapabilitiesDocument.TapCapability(
                translator.features(), formats.formats(), limits));
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
