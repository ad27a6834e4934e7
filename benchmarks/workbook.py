"""A member import workbook of new people, for the import benchmark."""

import io
import random
import time

from openpyxl import Workbook

from unions import demo
from unions.importers import member_files as imports


def members_workbook(rows, seed=7):
    rng = random.Random(seed)
    stamp = int(time.time()) % 10**6  # a new set of CCCD numbers each run
    # A valid CCCD: a province code 001–090, then digits that differ from run to run.
    province = 1 + stamp % 90
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([imports.header_text(c) for c in imports.COLUMNS])
    for i, person in enumerate(demo.people(rng, rows, "private_enterprise", "HN")):
        ws.append(
            [
                person["full_name"],
                "Nữ" if person["gender"] == "female" else "Nam",
                person["birth_date"].strftime("%d/%m/%Y"),
                f"0{province:02d}{stamp % 10**5:05d}{i:04d}",
                "",
                f"B{stamp}-{i:05d}",
                person["joined_on"].strftime("%d/%m/%Y"),
                person["ethnicity"],
                person["job_title"],
                "Đại học",
                person["phone"],
                "",
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
