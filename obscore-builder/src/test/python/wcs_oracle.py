"""Independent answers for the builder's tests, from astropy: python3 wcs_oracle.py FILE HDU.

Prints 'name value...' lines: keywords of the HDU (else of the primary HDU), the MJD of
DATE-OBS, and the celestial WCS's centre and corner sky positions (core WCS without
distortion, 1-based pixels: the edges are 0.5 and N + 0.5).
"""
import sys
import warnings

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
        ra, dec = wcs.wcs_pix2world([(n1 + 1) / 2], [(n2 + 1) / 2], 1)
        print("centre", repr(float(ra[0])), repr(float(dec[0])))
        for x, y in [(0.5, 0.5), (n1 + 0.5, 0.5), (n1 + 0.5, n2 + 0.5), (0.5, n2 + 0.5)]:
            ra, dec = wcs.wcs_pix2world([x], [y], 1)
            print("corner", repr(float(ra[0])), repr(float(dec[0])))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
