"""Write carenav's US ZIP centre table (src/carenav/geo_data/us_zip_centres.csv) from `zipcodes`.

The table is what carenav.geo reads at run time: one sorted line per ZIP code, searched
in place, so a kernel never holds the 42,000-ZIP table that `zipcodes` builds in memory
on its first lookup (about 38 MB). Re-run it when `zipcodes` publishes new data:

    pip install zipcodes && python scripts/make_zip_centres.py
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import zipcodes

OUT = Path(__file__).resolve().parents[1] / "src" / "carenav" / "geo_data" / "us_zip_centres.csv"


def main() -> int:
    rows = []
    for row in zipcodes.list_all():
        try:
            float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue  # a ZIP without a centre cannot be placed; locate() reports it unknown
        rows.append((row["zip_code"], row["lat"], row["long"], row["city"], row["state"]))
    rows.sort()
    out = io.StringIO()
    out.write(
        "# US ZIP code centres: ZIP, latitude, longitude (decimal degrees), USPS city, state.\n"
        f"# From the zipcodes package {zipcodes.__version__} (MIT licence, Sean Pianka, "
        "https://github.com/seanpianka/zipcodes):\n"
        "# coordinates from GeoNames (CC BY 4.0, https://www.geonames.org), ZIP list from USPS "
        "ZIP Locale Detail.\n"
        f"# Written {date.today().isoformat()} by scripts/make_zip_centres.py; sorted by ZIP, "
        "one ZIP a line (carenav.geo searches it in place).\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("zip", "latitude", "longitude", "city", "state"))
    writer.writerows(rows)
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"{OUT}: {len(rows):,} ZIP codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
