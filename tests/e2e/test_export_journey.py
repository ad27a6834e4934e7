"""A leader exports a long list: the page shows the rows written so far, then the file, which downloads."""

import io
import threading

from openpyxl import load_workbook
from playwright.sync_api import expect

from core import checkpoints
from tests.factories import bulk_members


def test_a_long_member_list_is_written_in_the_background_with_its_progress(
    page, live_server, world, sign_in, settings, celery_worker, shot
):
    settings.EXPORT_INLINE_ROWS = 100
    bulk_members(world.union_a1, 700)
    held, release = threading.Event(), threading.Event()

    def hold():  # the worker stops after its first 500 rows until the page has shown them
        if not held.is_set():
            held.set()
            release.wait(60)

    with checkpoints.installed("jobs.export.progress", hold):
        sign_in("leader_city")
        page.get_by_role("link", name="Đoàn viên", exact=True).click()
        page.get_by_role("link", name="Xuất Excel").click()
        status = page.locator("#export-status")
        expect(status).to_contain_text("Đã ghi 500 / 703 dòng", timeout=30000)
        expect(page.locator("#export-progress")).to_have_attribute("value", "500")
        shot("export-progress")
        release.set()
        expect(status).to_contain_text("Tệp đã sẵn sàng: 703 dòng", timeout=30000)
    shot("export-ready")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải tệp Excel").click()
    download = info.value
    assert download.suggested_filename.startswith("doan-vien-") and download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as saved:  # the browser's copy has no extension: read it as a stream
        rows = list(load_workbook(io.BytesIO(saved.read())).active.iter_rows(min_row=2))
    assert len(rows) == 703
