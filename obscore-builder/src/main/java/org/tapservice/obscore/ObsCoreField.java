package org.tapservice.obscore;

import java.util.Locale;
import java.util.Optional;

/**
 * The mandatory columns of ivoa.obscore (ObsCore 1.1, section 4 and appendix C), in the standard's order,
 * with the unit, UCD and utype (namespace {@code obscore:} added) its TAP_SCHEMA table lists for each.
 * The descriptions are ours.
 */
public enum ObsCoreField {
    DATAPRODUCT_TYPE(Kind.TEXT, false, null, "meta.code.class", "ObsDataset.dataProductType",
            "Data product type: image, cube, spectrum, sed, timeseries, visibility, event or measurements"),
    CALIB_LEVEL(Kind.INTEGER, true, null, "meta.code;obs.calib", "ObsDataset.calibLevel",
            "Calibration level: 0 raw instrumental, 1 instrumental in standard format, 2 calibrated, 3 reduced, 4 analysis product"),
    OBS_COLLECTION(Kind.TEXT, true, null, "meta.id", "DataID.collection",
            "Name of the data collection"),
    OBS_ID(Kind.TEXT, true, null, "meta.id", "DataID.observationID",
            "Observation identifier"),
    OBS_PUBLISHER_DID(Kind.TEXT, true, null, "meta.ref.ivoid", "Curation.publisherDID",
            "Dataset identifier given by the publisher (IVOA URI)"),
    ACCESS_URL(Kind.TEXT, false, null, "meta.ref.url", "Access.reference",
            "URL to download the data"),
    ACCESS_FORMAT(Kind.TEXT, false, null, "meta.code.mime", "Access.format",
            "Content format of the data (MIME type)"),
    ACCESS_ESTSIZE(Kind.LONG, false, "kbyte", "phys.size;meta.file", "Access.size",
            "Estimated size of the download"),
    TARGET_NAME(Kind.TEXT, false, null, "meta.id;src", "Target.name",
            "Name of the observed target"),
    S_RA(Kind.DOUBLE, false, "deg", "pos.eq.ra", "Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1",
            "Right ascension (ICRS) of the centre of the observation"),
    S_DEC(Kind.DOUBLE, false, "deg", "pos.eq.dec", "Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C2",
            "Declination (ICRS) of the centre of the observation"),
    S_FOV(Kind.DOUBLE, false, "deg", "phys.angSize;instr.fov", "Char.SpatialAxis.Coverage.Bounds.Extent.diameter",
            "Diameter of the region covered"),
    S_REGION(Kind.REGION, false, null, "pos.outline;obs.field", "Char.SpatialAxis.Coverage.Support.Area",
            "Sky region covered by the data (STC-S polygon, ICRS)"),
    S_RESOLUTION(Kind.DOUBLE, false, "arcsec", "pos.angResolution", "Char.SpatialAxis.Resolution.Refval.value",
            "Spatial resolution (FWHM of the point spread function)"),
    S_XEL1(Kind.LONG, false, null, "meta.number", "Char.SpatialAxis.numBins1",
            "Number of elements along the first spatial axis"),
    S_XEL2(Kind.LONG, false, null, "meta.number", "Char.SpatialAxis.numBins2",
            "Number of elements along the second spatial axis"),
    T_MIN(Kind.DOUBLE, false, "d", "time.start;obs.exposure", "Char.TimeAxis.Coverage.Bounds.Limits.StartTime",
            "Start time of the observation (MJD)"),
    T_MAX(Kind.DOUBLE, false, "d", "time.end;obs.exposure", "Char.TimeAxis.Coverage.Bounds.Limits.StopTime",
            "End time of the observation (MJD)"),
    T_EXPTIME(Kind.DOUBLE, false, "s", "time.duration;obs.exposure", "Char.TimeAxis.Coverage.Support.Extent",
            "Total exposure time"),
    T_RESOLUTION(Kind.DOUBLE, false, "s", "time.resolution", "Char.TimeAxis.Resolution.Refval.value",
            "Temporal resolution"),
    T_XEL(Kind.LONG, false, null, "meta.number", "Char.TimeAxis.numBins",
            "Number of elements along the time axis"),
    EM_MIN(Kind.DOUBLE, false, "m", "em.wl;stat.min", "Char.SpectralAxis.Coverage.Bounds.Limits.LoLimit",
            "Shortest wavelength observed (vacuum)"),
    EM_MAX(Kind.DOUBLE, false, "m", "em.wl;stat.max", "Char.SpectralAxis.Coverage.Bounds.Limits.HiLimit",
            "Longest wavelength observed (vacuum)"),
    EM_RES_POWER(Kind.DOUBLE, false, null, "spect.resolution", "Char.SpectralAxis.Resolution.ResolPower.refVal",
            "Spectral resolving power (lambda / delta lambda)"),
    EM_XEL(Kind.LONG, false, null, "meta.number", "Char.SpectralAxis.numBins",
            "Number of elements along the spectral axis"),
    O_UCD(Kind.TEXT, false, null, "meta.ucd", "Char.ObservableAxis.ucd",
            "UCD of the observable (e.g. phot.flux.density)"),
    POL_STATES(Kind.TEXT, false, null, "meta.code;phys.polarization", "Char.PolarizationAxis.stateList",
            "Polarisation states present, e.g. /I/Q/U/"),
    POL_XEL(Kind.LONG, false, null, "meta.number", "Char.PolarizationAxis.numBins",
            "Number of polarisation states"),
    FACILITY_NAME(Kind.TEXT, false, null, "meta.id;instr.tel", "Provenance.ObsConfig.Facility.name",
            "Name of the facility (telescope) that made the observation"),
    INSTRUMENT_NAME(Kind.TEXT, false, null, "meta.id;instr", "Provenance.ObsConfig.Instrument.name",
            "Name of the instrument that made the observation");

    /**
     * What a column holds. REGION is a pgsphere spoly, which ADQL's geometry functions and its GiST
     * index work on, published as ObsCore 1.1 types s_region: an ADQL REGION, written as STC-S.
     */
    public enum Kind { TEXT, INTEGER, LONG, DOUBLE, REGION }

    private static final String UTYPE_PREFIX = "obscore:";

    private final Kind kind;
    private final boolean required;
    private final String unit;
    private final String ucd;
    private final String utype;
    private final String description;

    ObsCoreField(Kind kind, boolean required, String unit, String ucd, String utype, String description) {
        this.kind = kind;
        this.required = required;
        this.unit = unit;
        this.ucd = ucd;
        this.utype = utype;
        this.description = description;
    }

    /** The column name, as the standard spells it. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** NOT NULL in the standard: a row lacking it cannot be loaded. */
    public boolean required() {
        return required;
    }

    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    public String ucd() {
        return ucd;
    }

    public String utype() {
        return UTYPE_PREFIX + utype;
    }

    public String description() {
        return description;
    }

    /** The field of a column name, whatever its case. */
    public static Optional<ObsCoreField> byColumn(String column) {
        for (ObsCoreField field : values()) {
            if (field.column().equalsIgnoreCase(column)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
