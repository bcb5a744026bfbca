"""What a pyvo user does first, against a running service: python3 pyvo_check.py BASE_URL.

Exits non-zero, naming the failed expectation, when pyvo and the service disagree.
"""
import sys

import pyvo
import requests
from astropy.table import Table


def main(url):
    service = pyvo.dal.TAPService(url)

    rows = service.run_sync("SELECT TOP 10 * FROM demo.stars").to_table()
    assert len(rows) == 10, f"TOP 10 gave {len(rows)} rows"
    assert "source_id" in rows.colnames and "ra" in rows.colnames, rows.colnames
    assert str(rows["ra"].unit) == "deg", f"ra has unit {rows['ra'].unit}"

    tables = {table.name: table for table in service.tables}
    assert "demo.stars" in tables, sorted(tables)
    columns = [column.name for column in tables["demo.stars"].columns]
    assert {"source_id", "ra", "dec", "phot_g_mean_mag"} <= set(columns), columns

    cone = service.run_sync(
        "SELECT source_id, ra, dec FROM demo.stars "
        "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 180, 0, 10))").to_table()
    assert len(cone) > 0, "the cone found no stars"

    limited = service.run_sync("SELECT source_id FROM demo.stars", maxrec=3)
    assert len(limited) == 3 and limited.query_status == "OVERFLOW", (len(limited), limited.query_status)

    try:
        service.run_sync("SELECT nosuchcolumn FROM demo.stars")
    except pyvo.dal.DALQueryError as error:
        assert "nosuchcolumn" in str(error), str(error)
    else:
        raise AssertionError("an unknown column did not raise DALQueryError")

    check_obscore(service)
    check_upload(service)
    check_async(service)
    check_datalink(service, url)
    check_cone_search(url)

    print("pyvo: all checks passed")


def check_obscore(service):
    """ObsCore discovery as pyvo users do it: TAPService.search with a spatial constraint on s_region."""
    tables = {table.name: table for table in service.tables}
    assert "ivoa.obscore" in tables, sorted(tables)
    results = service.search(
        "SELECT obs_publisher_did, dataproduct_type, s_ra, s_dec, s_region FROM ivoa.obscore "
        "WHERE 1 = CONTAINS(POINT('ICRS', 175.0, -3.0), s_region)")
    assert results.getdesc("s_region").xtype == "adql:REGION", results.getdesc("s_region").xtype
    found = results.to_table()
    assert len(found) >= 1, "no ObsCore field contains (175, -3)"
    assert all(kind == "image" for kind in found["dataproduct_type"]), list(found["dataproduct_type"])
    # ObsCore 1.1's s_region is an ADQL REGION: an STC-S string, here a polygon of the field's 4 corners
    region = str(found["s_region"][0]).split()
    assert region[:2] == ["Polygon", "ICRS"] and len(region) == 10, f"s_region is not a 4-vertex STC-S polygon: {region}"
    assert str(found["s_ra"].unit) == "deg", found["s_ra"].unit
    none = service.search("SELECT obs_id FROM ivoa.obscore "
                          "WHERE 1 = INTERSECTS(s_region, CIRCLE('ICRS', 0, 80, 1))").to_table()
    assert len(none) == 0, f"fields found far from the demo sky: {list(none['obs_id'])}"


def check_upload(service):
    """The classic use of TAP_UPLOAD: one's own positions crossmatched with a catalogue."""
    stars = service.run_sync(
        "SELECT TOP 3 source_id, ra, dec FROM demo.stars ORDER BY source_id").to_table()
    mine = Table({"mine": list(stars["source_id"]), "ra": list(stars["ra"]), "dec": list(stars["dec"])})

    matched = service.run_sync(
        "SELECT u.mine, s.source_id FROM TAP_UPLOAD.t AS u JOIN demo.stars AS s "
        "ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', u.ra, u.dec, 1.0 / 3600))",
        uploads={"t": mine}).to_table()
    pairs = sorted((int(row["mine"]), int(row["source_id"])) for row in matched)
    expected = sorted((int(source), int(source)) for source in stars["source_id"])
    assert set(expected) <= set(pairs), (pairs, expected)

    try:
        service.run_sync("SELECT * FROM TAP_UPLOAD.select", uploads={"select": mine})
    except pyvo.dal.DALQueryError as error:
        assert "not an ADQL identifier" in str(error), str(error)
    else:
        raise AssertionError("an upload named by a reserved word did not raise DALQueryError")


def check_async(service):
    """What pyvo users do with long queries: run_async, and the job API step by step."""
    rows = service.run_async("SELECT TOP 5 source_id, ra FROM demo.stars ORDER BY source_id").to_table()
    assert len(rows) == 5, f"run_async gave {len(rows)} rows"
    assert str(rows["ra"].unit) == "deg", f"ra has unit {rows['ra'].unit}"

    job = service.submit_job("SELECT TOP 3 source_id FROM demo.stars", maxrec=2)
    assert job.phase == "PENDING", job.phase
    job.run()
    job.wait(phases=["COMPLETED", "ERROR", "ABORTED"], timeout=60)
    assert job.phase == "COMPLETED", job.phase
    result = job.fetch_result()
    assert len(result) == 2 and result.query_status == "OVERFLOW", (len(result), result.query_status)
    assert job.result_uri.endswith("/results/result"), job.result_uri
    # the same rows in other formats, converted from the stored result: listed after 'result',
    # which pyvo still takes as the result
    assert job.result_uris[0] == job.result_uri and len(job.result_uris) > 1, job.result_uris
    assert any(uri.endswith("/results/result-csv") for uri in job.result_uris), job.result_uris
    csv = requests.get(job.result_uri, params={"RESPONSEFORMAT": "csv"}, timeout=30)
    assert csv.status_code == 200 and csv.text.splitlines()[0] == "source_id", csv.text
    assert len(csv.text.splitlines()) == 3, csv.text
    job.delete()
    try:
        job.phase
    except pyvo.dal.DALServiceError:
        pass
    else:
        raise AssertionError("a deleted job is still there")

    failed = service.submit_job("SELECT nosuchcolumn FROM demo.stars")
    failed.run()
    failed.wait(phases=["COMPLETED", "ERROR", "ABORTED"], timeout=60)
    assert failed.phase == "ERROR", failed.phase
    # pyvo 1.2 drops the text of the job's errorSummary message; the job's /error resource,
    # a VOTable error document, is where a pyvo user reads why
    error = requests.get(failed.url + "/error", timeout=30)
    assert error.status_code == 200 and "nosuchcolumn" in error.text, error.text
    try:
        failed.raise_if_error()
    except pyvo.dal.DALQueryError:
        pass
    else:
        raise AssertionError("raise_if_error did not raise for a failed job")
    failed.delete()


def check_datalink(service, url):
    """DataLink from a TAP result: the service descriptor leads pyvo to each row's links."""
    # every tenth demo star has links; the others answer a NotFoundFault
    stars = service.run_sync(
        "SELECT TOP 2 source_id, designation FROM demo.stars WHERE MOD(source_id, 10) = 0 ORDER BY source_id")
    descriptors = list(stars.iter_adhocservices())
    assert len(descriptors) == 1, descriptors
    links = list(stars.iter_datalinks())
    assert len(links) == 2, links
    # include_narrower=False: the narrower terms come from the vocabulary at ivoa.net, not from us
    for star, star_links in zip(stars, links):
        this = list(star_links.bysemantics("#this", include_narrower=False))
        assert len(this) == 1, [row.semantics for row in star_links]
        assert str(star["source_id"]) in this[0].access_url, this[0].access_url
        # fetched directly: pyvo's getdataset on a link row looks the vocabulary up at ivoa.net too
        row = requests.get(this[0].access_url, timeout=30)
        assert row.status_code == 200 and str(star["source_id"]) in row.text, row.text[:300]
        assert list(star_links.bysemantics("#preview", include_narrower=False)), "no preview link"

    by_url = pyvo.dal.adhoc.DatalinkResults.from_result_url(url + "/links?ID=Demo%2010&ID=Demo%203")
    ids = [str(row["ID"]) for row in by_url]
    assert "Demo 10" in ids and ids[-1] == "Demo 3", ids
    fault = [row for row in by_url if str(row["ID"]) == "Demo 3"][0]
    assert str(fault["error_message"]).startswith("NotFoundFault"), fault["error_message"]


def check_cone_search(url):
    """Simple Cone Search: a search, and MAXREC=0 for the metadata only."""
    cone = pyvo.dal.SCSService(url + "/scs/demo.stars")
    found = cone.search(pos=(180.0, 0.0), radius=2.0)
    assert len(found) > 0, "the cone search found no stars"
    distances = list(found.to_table()["angdist"])
    assert distances == sorted(distances), "not nearest first"
    # SCS 1.1's UCD1+ words (pyvo's record.pos and record.id look for SCS 1.03's UCD1 ones)
    assert found.getdesc("ra").ucd == "pos.eq.ra;meta.main", found.getdesc("ra").ucd
    assert found.getdesc("dec").ucd == "pos.eq.dec;meta.main", found.getdesc("dec").ucd
    assert found.getdesc("source_id").ucd == "meta.id;meta.main", found.getdesc("source_id").ucd
    assert found.getdesc("source_id").datatype == "char", found.getdesc("source_id").datatype

    metadata = pyvo.dal.scs.SCSQuery(url + "/scs/demo.stars", maxrec=0).execute()
    assert len(metadata) == 0 and "source_id" in metadata.fieldnames, metadata.fieldnames

    try:
        cone.search(pos=(180.0, 0.0), radius=1000.0)
    except pyvo.dal.DALQueryError as error:
        assert "SR" in str(error), str(error)
    else:
        raise AssertionError("an SR beyond the limit did not raise DALQueryError")


if __name__ == "__main__":
    main(sys.argv[1])
