package org.tapservice.obscore.derive;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.Outcome;
import org.tapservice.obscore.fits.FitsHeader;
import org.tapservice.obscore.wcs.CelestialWcs;
import org.tapservice.obscore.wcs.SkyPolygon;
import org.tapservice.obscore.wcs.SkyPosition;

/**
 * Derives the ObsCore fields that a FITS header and the file itself can tell: everything but
 * the collection, the publisher's identifier and the access URL, which are the publisher's to
 * choose (the mapping gives them). Each field is a value, a reason it could not be derived, or
 * not applicable; nothing is guessed.
 */
public final class HeaderDeriver {

    private static final String FITS_MEDIA_TYPE = "application/fits";

    private final FilterBands filters;

    public HeaderDeriver(FilterBands filters) {
        this.filters = filters;
    }

    public Map<ObsCoreField, Outcome<?>> derive(FitsHeader header, DataFile file) {
        var fields = new EnumMap<ObsCoreField, Outcome<?>>(ObsCoreField.class);
        Outcome<CelestialWcs> wcs = CelestialWcs.of(header);
        Outcome<SpectralCoverage> spectral = SpectralCoverage.of(header);

        fields.put(ObsCoreField.DATAPRODUCT_TYPE, productType(header, wcs, spectral));
        fields.put(ObsCoreField.CALIB_LEVEL, Outcome.missing(
                "no FITS keyword states a calibration level; set calib_level in the mapping"));
        fields.put(ObsCoreField.OBS_ID, Outcome.of(text(header, "OBS_ID", "OBSID", "ROOTNAME", "EXPID")
                .orElse(file.baseName())));
        fields.put(ObsCoreField.ACCESS_FORMAT, Outcome.of(FITS_MEDIA_TYPE));
        // ObsCore's kbyte is 1000 bytes (VOUnit); a partial kilobyte still has to be downloaded
        fields.put(ObsCoreField.ACCESS_ESTSIZE, Outcome.of((file.bytes() + 999) / 1000));
        fields.put(ObsCoreField.TARGET_NAME, textOutcome(header, "no OBJECT or TARGNAME keyword", "OBJECT", "TARGNAME"));
        fields.put(ObsCoreField.FACILITY_NAME, textOutcome(header, "no TELESCOP keyword", "TELESCOP"));
        fields.put(ObsCoreField.INSTRUMENT_NAME, textOutcome(header, "no INSTRUME keyword", "INSTRUME"));

        spatial(fields, header, wcs, spectral);
        fields.put(ObsCoreField.S_RESOLUTION, numberOutcome(header,
                "no SEEING or PSF_FWHM keyword gives the spatial resolution", "SEEING", "PSF_FWHM"));

        ObservationTime time = ObservationTime.of(header);
        fields.put(ObsCoreField.T_MIN, time.start());
        fields.put(ObsCoreField.T_MAX, time.end());
        fields.put(ObsCoreField.T_EXPTIME, time.exposure());
        fields.put(ObsCoreField.T_RESOLUTION, Outcome.notApplicable());
        fields.put(ObsCoreField.T_XEL, axisLength(header, "TIME"));

        spectral(fields, header, spectral);
        fields.put(ObsCoreField.EM_RES_POWER, numberOutcome(header, "no SPECRES keyword gives the resolving power",
                "SPECRES", "RESPOWER"));
        fields.put(ObsCoreField.O_UCD, observable(header));
        polarization(fields, header);
        return fields;
    }

    private static Outcome<String> productType(FitsHeader header, Outcome<CelestialWcs> wcs,
            Outcome<SpectralCoverage> spectral) {
        String extension = header.text("XTENSION").orElse("").toUpperCase(Locale.ROOT);
        if (extension.equals("BINTABLE") || extension.equals("TABLE")) {
            return header.text("EXTNAME").filter(name -> name.equalsIgnoreCase("EVENTS")).isPresent()
                    ? Outcome.of("event")
                    : Outcome.missing("the data are a table (" + extension + ") that is not an EVENTS list; "
                            + "set dataproduct_type in the mapping");
        }
        int naxis = (int) header.integer("NAXIS").orElse(0);
        long axesWithPixels = 0;
        for (int axis = 1; axis <= naxis; axis++) {
            if (header.integer("NAXIS" + axis).orElse(0) > 1) {
                axesWithPixels++;
            }
        }
        if (wcs.asOptional().isPresent()) {
            return Outcome.of(axesWithPixels > 2 ? "cube" : "image");
        }
        if (spectral.asOptional().isPresent() && axesWithPixels == 1) {
            return Outcome.of("spectrum");
        }
        if (axesWithPixels == 2) {
            return Outcome.of("image");
        }
        return Outcome.missing(naxis == 0 ? "the file holds no data array or table"
                : "a " + axesWithPixels + "-dimensional array with neither a celestial nor a spectral axis");
    }

    /** RA and DEC (or RA_TARG and DEC_TARG) as numbers in degrees; sexagesimal text is not read. */
    private static Optional<SkyPosition> pointing(FitsHeader header) {
        for (String[] pair : new String[][] {{"RA", "DEC"}, {"RA_TARG", "DEC_TARG"}, {"RA_OBJ", "DEC_OBJ"}}) {
            OptionalDouble ra = header.card(pair[0]).filter(card -> !(card.value() instanceof String))
                    .flatMap(card -> card.number()).map(OptionalDouble::of).orElse(OptionalDouble.empty());
            OptionalDouble dec = header.card(pair[1]).filter(card -> !(card.value() instanceof String))
                    .flatMap(card -> card.number()).map(OptionalDouble::of).orElse(OptionalDouble.empty());
            if (ra.isPresent() && dec.isPresent() && Math.abs(dec.getAsDouble()) <= 90) {
                return Optional.of(new SkyPosition(ra.getAsDouble(), dec.getAsDouble()));
            }
        }
        return Optional.empty();
    }

    private static void spatial(Map<ObsCoreField, Outcome<?>> fields, FitsHeader header, Outcome<CelestialWcs> wcs,
            Outcome<SpectralCoverage> spectral) {
        Outcome<CelestialWcs> usable = wcs instanceof Outcome.NotApplicable<CelestialWcs>
                && spectral.asOptional().isEmpty()
                ? Outcome.missing("no celestial WCS (CTYPEn RA---xxx / DEC--xxx) in the header") : wcs;
        Outcome<SkyPosition> centre = usable.flatMap(w -> w.centre().<Outcome<SkyPosition>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing("the centre pixel lies outside the projection")));
        Outcome<SkyPolygon> footprint = usable.flatMap(w -> w.footprint().<Outcome<SkyPolygon>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing("a corner of the image lies outside the projection")));
        if (centre.asOptional().isEmpty()) {
            // a spectrum or table has no celestial axes, but often the pointing in degrees
            Optional<SkyPosition> pointing = pointing(header);
            if (pointing.isPresent()) {
                centre = Outcome.of(pointing.get());
            }
        }
        fields.put(ObsCoreField.S_RA, centre.map(SkyPosition::ra));
        fields.put(ObsCoreField.S_DEC, centre.map(SkyPosition::dec));
        fields.put(ObsCoreField.S_REGION, footprint);
        fields.put(ObsCoreField.S_FOV, footprint.map(SkyPolygon::diameter));
        fields.put(ObsCoreField.S_XEL1, usable.map(CelestialWcs::lonLength));
        fields.put(ObsCoreField.S_XEL2, usable.map(CelestialWcs::latLength));
    }

    private void spectral(Map<ObsCoreField, Outcome<?>> fields, FitsHeader header, Outcome<SpectralCoverage> spectral) {
        if (spectral instanceof Outcome.NotApplicable<SpectralCoverage>) {
            Optional<String> filter = header.text("FILTER").or(() -> header.text("FILTNAM1"))
                    .or(() -> header.text("FILTER1"));
            Outcome<double[]> band = filter.map(name -> filters.range(name).<Outcome<double[]>>map(Outcome::of)
                            .orElseGet(() -> Outcome.missing("FILTER '" + name + "' is not a filter the builder knows; "
                                    + "set em_min and em_max in the mapping")))
                    .orElseGet(() -> Outcome.missing("no spectral axis and no FILTER keyword"));
            fields.put(ObsCoreField.EM_MIN, band.map(range -> range[0]));
            fields.put(ObsCoreField.EM_MAX, band.map(range -> range[1]));
            fields.put(ObsCoreField.EM_XEL, band.map(range -> 1L));
            return;
        }
        fields.put(ObsCoreField.EM_MIN, spectral.map(SpectralCoverage::minimum));
        fields.put(ObsCoreField.EM_MAX, spectral.map(SpectralCoverage::maximum));
        fields.put(ObsCoreField.EM_XEL, spectral.map(SpectralCoverage::length));
    }

    /** The observable from BUNIT, for the units whose meaning is unambiguous. */
    private static Outcome<String> observable(FitsHeader header) {
        Optional<String> unit = header.text("BUNIT");
        if (unit.isEmpty()) {
            return Outcome.missing("no BUNIT keyword says what the values measure");
        }
        String normalized = unit.get().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (normalized) {
            case "count", "counts", "adu", "dn", "electrons", "electron", "ct" -> Outcome.of("phot.count");
            case "count/s", "counts/s", "electrons/s", "electron/s", "ct/s", "adu/s", "dn/s" -> Outcome.of("phot.count;arith.rate");
            case "jy", "mjy", "ujy", "jy/beam", "mjy/beam", "erg/s/cm2/angstrom", "erg/s/cm**2/angstrom",
                 "erg/cm2/s/a", "erg/s/cm2/a", "w/m2/nm", "w/m2/um" -> Outcome.of("phot.flux.density");
            case "mag" -> Outcome.of("phot.mag");
            case "k" -> Outcome.of("phot.temperature.brightness");
            default -> Outcome.missing("BUNIT = '" + unit.get() + "' is not a unit the builder maps to a UCD; "
                    + "set o_ucd in the mapping");
        };
    }

    private static void polarization(Map<ObsCoreField, Outcome<?>> fields, FitsHeader header) {
        int naxis = (int) header.integer("NAXIS").orElse(0);
        for (int axis = 1; axis <= naxis; axis++) {
            if (header.text("CTYPE" + axis).orElse("").equalsIgnoreCase("STOKES")) {
                long length = header.integer("NAXIS" + axis).orElse(0);
                double crval = header.number("CRVAL" + axis).orElse(1);
                double cdelt = header.number("CDELT" + axis).orElse(1);
                double crpix = header.number("CRPIX" + axis).orElse(1);
                StringBuilder states = new StringBuilder("/");
                for (long pixel = 1; pixel <= length; pixel++) {
                    int code = (int) Math.round(crval + cdelt * (pixel - crpix));
                    Optional<String> state = StokesState.of(code);
                    if (state.isEmpty()) {
                        fields.put(ObsCoreField.POL_STATES, Outcome.missing("Stokes code " + code + " is not a FITS polarisation code"));
                        fields.put(ObsCoreField.POL_XEL, Outcome.of(length));
                        return;
                    }
                    states.append(state.get()).append('/');
                }
                fields.put(ObsCoreField.POL_STATES, Outcome.of(states.toString()));
                fields.put(ObsCoreField.POL_XEL, Outcome.of(length));
                return;
            }
        }
        fields.put(ObsCoreField.POL_STATES, Outcome.notApplicable());
        fields.put(ObsCoreField.POL_XEL, Outcome.notApplicable());
    }

    private static Outcome<Long> axisLength(FitsHeader header, String type) {
        int naxis = (int) header.integer("NAXIS").orElse(0);
        for (int axis = 1; axis <= naxis; axis++) {
            if (header.text("CTYPE" + axis).orElse("").toUpperCase(Locale.ROOT).startsWith(type)) {
                return Outcome.of(header.integer("NAXIS" + axis).orElse(0));
            }
        }
        return Outcome.notApplicable();
    }

    private static Optional<String> text(FitsHeader header, String... keywords) {
        for (String keyword : keywords) {
            Optional<String> value = header.text(keyword);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Outcome<String> textOutcome(FitsHeader header, String reason, String... keywords) {
        return text(header, keywords).<Outcome<String>>map(Outcome::of).orElseGet(() -> Outcome.missing(reason));
    }

    private static Outcome<Double> numberOutcome(FitsHeader header, String reason, String... keywords) {
        for (String keyword : keywords) {
            OptionalDouble value = header.number(keyword);
            if (value.isPresent()) {
                return Outcome.of(value.getAsDouble());
            }
        }
        return Outcome.missing(reason);
    }
}
