"""Members who left before the list of reasons existed: their free-text reason (kept as the change reason of
the history row that marked them as left) mapped onto the list; a text that matches no reason becomes
"khác" with the words kept."""

import unicodedata
from collections import defaultdict

from django.db import migrations

# Folded words (no diacritics, lower case) clerks write for each reason, most specific first.
WORDS = [
    ("retired", ("nghi huu", "ve huu", "huu tri", "retire")),
    ("transferred", ("chuyen cong tac", "chuyen don vi", "dieu dong", "chuyen noi", "transfer")),
    ("resigned", ("thoi viec", "nghi viec", "xin nghi", "cham dut hop dong", "het hop dong", "resign")),
    ("expelled", ("khai tru", "expel")),
    ("deceased", ("tu tran", "qua doi", "da mat", "deceased", "died")),
]


def fold(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def reason_of(text):
    folded = fold(text)
    for reason, words in WORDS:
        if any(word in folded for word in words):
            return reason, ""
    if folded in ("mat", "chet"):
        return "deceased", ""
    return "other", text.strip()[:255]


def forwards(apps, schema_editor):
    Member = apps.get_model("unions", "Member")
    HistoricalMember = apps.get_model("unions", "HistoricalMember")
    left = Member.objects.filter(status="left", left_reason="")
    # The reason typed when the member was marked as left: the change reason of the newest "left" history row.
    rows = (
        HistoricalMember.objects.filter(id__in=left.values("pk"), status="left")
        .exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .order_by("id", "history_date")
        .values_list("id", "history_change_reason")
    )
    texts = dict(rows)  # ordered by date: the newest text of each member wins
    # One UPDATE per reason (and per kept text), in chunks: half a million members left at national size, and a
    # save per member took minutes.
    groups = defaultdict(list)
    for member_id, text in texts.items():
        groups[reason_of(text)].append(member_id)
    for (reason, kept), ids in groups.items():
        for start in range(0, len(ids), 5000):
            Member.objects.filter(pk__in=ids[start : start + 5000]).update(left_reason=reason, left_reason_text=kept)
    # No text at all: "khác" without words.
    left.filter(left_reason="").update(left_reason="other", left_reason_text="")


class Migration(migrations.Migration):
    dependencies = [("unions", "0013_leaving_reasons")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
