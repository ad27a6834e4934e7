"""Password validator: no words an attacker would guess first from the context."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import fold

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# Words that say what an organisation is rather than which one it is: "Công đoàn
# Trường Tiểu học Xuân Đỉnh" is guessed from "tieuhocxuandinh" and "xuandinh".
GENERIC_WORDS = frozenset(
    {
        "cong",
        "doan",
        "lien",
        "lao",
        "dong",
        "ldld",
        "cd",
        "cdcs",
        "co",
        "so",
        "tong",
        "viet",
        "nam",
        "quan",
        "huyen",
        "thi",
        "xa",
        "phuong",
        "tran",
        "thanh",
        "pho",
        "tinh",
        "truong",
        "ty",
        "tnhh",
        "cp",
        "phan",
        "bo",
        "khoi",
        "nganh",
        "to",
        "nhom",
        "vung",
        "khu",
        "cum",
        "va",
        "cua",
    }
)


def squash(value):
    """ "LĐLĐ quận Ba Đình" -> "ldldquanbadinh": no diacritics, đ -> d, lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", fold(value))


def organization_words(name):
    """The forms of an organisation's name worth refusing in a password."""
    words = [w for w in _NOT_ALNUM.split(fold(name)) if w]
    distinctive = [w for w in words if w not in GENERIC_WORDS]
    found = {"".join(words), "".join(distinctive)}
    found.update(a + b for a, b in zip(distinctive, distinctive[1:], strict=False))
    return found


def _user_organizations(user):
    if user is None or not getattr(user, "pk", None):
        return []
    from unions.models import Organization

    orgs = []
    for org in Organization.objects.filter(roles__user=user).distinct():
        orgs.append(org)
        orgs.extend(Organization.objects.get_ancestors(org))
    return orgs


class ContextWordsValidator:
    """Refuses passwords that contain a context word or the name of one of the user's organisations.

    Compared without diacritics, case, spaces or punctuation.
    """

    def __init__(self, words=(), min_length=4):
        self.words = {squash(w) for w in words}
        self.min_length = min_length

    def context_words(self, user=None):
        words = set(self.words)
        for org in _user_organizations(user):
            for text in (org.name, org.short_name):
                if text:
                    words |= organization_words(text)
        return {w for w in words if len(w) >= self.min_length}

    def validate(self, password, user=None):
        folded = squash(password)
        if any(word in folded for word in self.context_words(user)):
            raise ValidationError(
                _(
                    "The password contains a word that is easy to guess here, such as the name of your "
                    "organisation or of this system."
                ),
                code="password_context_word",
            )

    def get_help_text(self):
        return _("Your password cannot contain the name of your organisation or words such as “congdoan” or “thidua”.")
