"""Reads a VOTable result as astropy does and prints what it found as JSON on standard output.

Usage: read_votable.py FILE

Prints {"infos": {name: value}, "fields": [{name, datatype, arraysize, xtype, unit, ucd, id,
frame}], "rows": [[cell, ...], ...]} where a masked cell is null, an array is a list and a
frame is the system of the COOSYS, or the timescale of the TIMESYS, the field refers to.
"""
import json
import math
import sys
import warnings

import numpy
from astropy.io.votable import parse


def plain(value):
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return value


def cell(value, masked):
    mask = numpy.asarray(masked)
    if mask.size and mask.all():
        return None
    if isinstance(value, numpy.ma.MaskedArray):
        value = value.data
    if isinstance(value, numpy.ndarray):
        if value.ndim == 0:
            return plain(value.item())
        return [plain(v) for v in value.tolist()]
    return plain(value)


def frame(votable, field):
    if not field.ref:
        return None
    for coosys in votable.iter_coosys():
        if coosys.ID == field.ref:
            return coosys.system
    for timesys in votable.iter_timesys():
        if timesys.ID == field.ref:
            return timesys.timescale
    return "unresolved " + field.ref


def main(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning is a defect of the document
        votable = parse(path, verify="exception")
    resource = votable.resources[0]
    table = votable.get_first_table()
    data = table.array
    rows = []
    for row in range(len(data)):
        rows.append([cell(data[name][row], data.mask[name][row]) for name in data.dtype.names])
    json.dump({
        "infos": {info.name: info.value for info in resource.infos},
        "fields": [{"name": f.name, "datatype": f.datatype, "arraysize": f.arraysize, "xtype": f.xtype,
                    "unit": None if f.unit is None else str(f.unit), "ucd": f.ucd, "id": f.ID,
                    "frame": frame(votable, f)} for f in table.fields],
        "rows": rows,
    }, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main(sys.argv[1])
