"""What a pyvo user does first, against a running service: python3 pyvo_check.py BASE_URL.

Exits non-zero, naming the failed expectation, when pyvo and the service disagree.
"""
import sys

import pyvo


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

    print("pyvo: all checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
