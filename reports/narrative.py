"""The narrative section of a report, written from the figures in the style of the federations' own reports."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.vn import group

from . import award_totals as at


def _place(org):
    name = org.name.lower()
    for word, phrase in (
        ("quận", _("the whole district")),
        ("huyện", _("the whole rural district")),
        ("thành phố", _("the whole city")),
        ("tỉnh", _("the whole province")),
        ("phường", _("the whole ward")),
        ("xã", _("the whole commune")),
        ("tổng liên đoàn", _("the whole union system")),
    ):
        if word in name:
            return phrase
    return _("the whole organisation")


def _items(words):
    """ "a", "a and b", "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _count_of(total):
    """One form with its count, "311 Bằng khen", and the split when both kinds received it: "(94 tập thể,
    217 cá nhân)". Each count is its own plural-safe string."""
    n, count = group(total.total), total.total
    if total.form == "co thi dua":
        text = ngettext("%(n)s emulation flag", "%(n)s emulation flags", count) % {"n": n}
    elif total.form == "bang khen":
        text = ngettext("%(n)s certificate of merit", "%(n)s certificates of merit", count) % {"n": n}
    elif total.form == "giay khen":
        text = ngettext("%(n)s certificate of commendation", "%(n)s certificates of commendation", count) % {"n": n}
    else:
        text = ngettext("%(n)s conferral of “%(title)s”", "%(n)s conferrals of “%(title)s”", count) % {
            "n": n,
            "title": total.label,
        }
    if total.collective and total.individual:
        text = _("%(awards)s (%(collectives)s, %(individuals)s)") % {
            "awards": text,
            "collectives": ngettext("%(n)s collective", "%(n)s collectives", total.collective)
            % {"n": group(total.collective)},
            "individuals": ngettext("%(n)s individual", "%(n)s individuals", total.individual)
            % {"n": group(total.individual)},
        }
    return text


def _by_issuer(org, totals):
    """The seed-style sentence of awards by who issued them: "… tặng 5 Cờ thi đua và 311 Bằng khen (94 tập thể,
    217 cá nhân); …"."""
    groups = {}
    for total in totals:
        if total.total:
            groups.setdefault(total.issuer, []).append(_count_of(total))
    phrases = {
        at.OWN: lambda items: _("%(unit)s conferred %(items)s") % {"unit": org.display_name, "items": items},
        at.ABOVE: lambda items: _("received %(items)s from the levels above") % {"items": items},
        at.BELOW: lambda items: _("the units below conferred %(items)s") % {"items": items},
        at.OUTSIDE: lambda items: _("received %(items)s from outside the union") % {"items": items},
        at.OTHER: lambda items: _("received %(items)s from other branches of the union") % {"items": items},
    }
    parts = [phrases[issuer](_items(groups[issuer])) for issuer in at.ISSUERS if issuer in groups]
    if not parts:
        return ""
    return _("By form of award: %(parts)s.") % {"parts": "; ".join(parts)}


def write(org, period, figures, by_type, totals=()):
    """figures: {metric code: value}; by_type: [(code, name, subject kind, count)]; totals: [award_totals.Total]."""
    n = lambda code: group(figures.get(code, 0))  # noqa: E731
    people = {"place": _place(org), "members": n("members"), "women": n("members_women"), "grassroots": n("grassroots")}
    if period.kind == "range":  # "from … to …" reads wrong after "In"
        opening = _(
            "From %(start)s to %(end)s, %(place)s had %(members)s members (%(women)s women) in "
            "%(grassroots)s grassroots unions."
        ) % {"start": period.start.strftime("%d/%m/%Y"), "end": period.end.strftime("%d/%m/%Y"), **people}
    else:
        opening = _(
            "In %(period)s, %(place)s had %(members)s members (%(women)s women) in %(grassroots)s grassroots unions."
        ) % {"period": period.label, **people}
    parts = [opening]
    if figures.get("grassroots"):
        pct = round(100 * figures.get("grassroots_launched", 0) / figures["grassroots"], 1)
        parts.append(
            _("%(done)s grassroots unions (%(pct)s%%) organised the launch of emulation campaigns.")
            % {"done": n("grassroots_launched"), "pct": str(pct).replace(".", ",")}
        )
    parts.append(
        _(
            "%(collective)s collective and %(individual)s individual conferrals were commended by the "
            "unions at every level."
        )
        % {"collective": n("awards_collective"), "individual": n("awards_individual")}
    )
    by_issuer = _by_issuer(org, totals)
    if by_issuer:
        parts.append(by_issuer)
    titles = []
    for _code, name, kind, count in by_type:
        if kind == "individual" and "công nhân" in name.lower():
            titles.append(_("%(n)s workers reached the title “%(title)s”") % {"n": group(count), "title": name})
        elif kind == "individual":
            titles.append(_("%(n)s individuals reached “%(title)s”") % {"n": group(count), "title": name})
        else:
            titles.append(_("%(n)s collectives reached “%(title)s”") % {"n": group(count), "title": name})
    if titles:
        parts.append(_("Among them: %(list)s.") % {"list": "; ".join(titles)})
    if figures.get("initiatives"):
        parts.append(
            _(
                "%(total)s initiatives were recognised: %(provincial)s at provincial or confederation level, "
                "%(national)s at national level and %(grassroots)s at grassroots level, with an estimated "
                "benefit of %(value)s đồng."
            )
            % {
                "total": n("initiatives"),
                "provincial": n("initiatives_provincial"),
                "national": n("initiatives_national"),
                "grassroots": n("initiatives_grassroots"),
                "value": n("initiatives_value"),
            }
        )
    if figures.get("bonuses"):
        parts.append(_("Bonuses paid: %(value)s đồng.") % {"value": n("bonuses")})
    return " ".join(parts)
