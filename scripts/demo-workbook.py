# Writes fixtures/demo-declarations.xlsx: the demo extract's first 30 lines as an analyst's Excel workbook (XlsxWriter,
# Debian's python3-xlsxwriter, writes files as Excel does): codes as text, dates as dates, values as numbers, one code
# typed as a number (its leading zero lost, as Excel does), a blank row, a notes sheet and a hidden lookup sheet.
# Run from the repository root: /usr/bin/python3 scripts/demo-workbook.py
import csv
import datetime

import xlsxwriter

with open("fixtures/demo-extract.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[:31]
header, lines = rows[0], rows[1:]
numbers = {"line_number", "statistical_value", "net_mass_kg", "supplementary_quantity"}

book = xlsxwriter.Workbook("fixtures/demo-declarations.xlsx")
book.set_properties({"title": "Demo declarations (synthetic)", "author": "HS Model Workbench"})
date_format = book.add_format({"num_format": "dd/mm/yyyy"})
sheet = book.add_worksheet("Declarations")
sheet.write_row(0, 0, header)
out = 1
for i, line in enumerate(lines):
    if i == 20:
        out += 1  # a blank row, as analysts leave them
    for c, (name, value) in enumerate(zip(header, line)):
        if value == "":
            continue
        if name == "acceptance_date":
            sheet.write_datetime(out, c, datetime.datetime.strptime(value, "%Y-%m-%d"), date_format)
        elif name in numbers or (name == "commodity_code" and i == 11):
            sheet.write_number(out, c, float(value))
        else:
            sheet.write_string(out, c, value)
    out += 1
notes = book.add_worksheet("Notes")
notes.write_string(0, 0, "Synthetic lines from the HS Model Workbench demo extract; not real declarations.")
lookup = book.add_worksheet("Lookup")
lookup.write_row(0, 0, ["currency", "name"])
lookup.hide()
book.close()
