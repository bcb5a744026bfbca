"""Independent answers for the builder's tests, from astropy: python3 wcs_oracle.py FILE HDU.

Prints 'name value...' lines: keywords of the HDU (else of the primary HDU), the MJD of
DATE-OBS, and the celestial WCS's centre and corner sky positions (core WCS without
distortion, 1-based pixels: the edges are 0.5 and N + 0.5), in ICRS: FK4 B1950 positions are
converted by astropy, taken at epoch B1950 as the builder takes them.
"""
import sys
import warnings

import astropy.units as u
from astropy.coordinates import FK4, SkyCoord
from astropy.io import fits
from astropy.time import Time
from astropy.wcs import WCS

warnings.simplefilter("ignore")

KEYWORDS = ["TELESCOP", "INSTRUME", "OBJECT", "TARGNAME", "EXPTIME"]


def main(path, hdu_index):
    with fits.open(path) as hdus:
        header = hdus[hdu_index].header
        primary = hdus[0].header

        def keyword(name):
            return header.get(name, primary.get(name))

        for name in KEYWORDS:
            if keyword(name) is not None:
                print("keyword", name, str(keyword(name)).strip())
        date = keyword("DATE-OBS")
        if date:
            if "/" in date:
                day, month, year = date.split("/")
                date = "19%s-%s-%s" % (year, month, day)
            if "T" not in date and keyword("TIME-OBS"):
                date = date + "T" + keyword("TIME-OBS")
            print("mjd_obs", repr(Time(date, scale="utc").mjd))
        try:
            full = WCS(header)
        except Exception:
            return
        wcs = full.celestial
        if not wcs.has_celestial or wcs.naxis != 2:
            return
        n1 = header.get("ZNAXIS%d" % (full.wcs.lng + 1), header.get("NAXIS%d" % (full.wcs.lng + 1)))
        n2 = header.get("ZNAXIS%d" % (full.wcs.lat + 1), header.get("NAXIS%d" % (full.wcs.lat + 1)))
        print("size", n1, n2)
        fk4 = wcs.wcs.radesys == "FK4"

        def icrs(x, y):
            ra, dec = wcs.wcs_pix2world([x], [y], 1)
            if fk4:
                position = SkyCoord(ra[0] * u.deg, dec[0] * u.deg,
                                    frame=FK4(equinox="B1950", obstime="B1950")).icrs
                return repr(float(position.ra.deg)), repr(float(position.dec.deg))
            return repr(float(ra[0])), repr(float(dec[0]))

        print("centre", *icrs((n1 + 1) / 2, (n2 + 1) / 2))
        for x, y in [(0.5, 0.5), (n1 + 0.5, 0.5), (n1 + 0.5, n2 + 0.5), (0.5, n2 + 0.5)]:
            print("corner", *icrs(x, y))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
