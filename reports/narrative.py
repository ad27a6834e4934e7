"""The narrative section of a report, written from the figures in the style of the federations' own reports."""

from django.utils.translation import gettext as _

from core.templatetags.vn import group


def _place(org):
    name = org.name.lower()
    for word, phrase in (("quận", _("the whole district")), ("huyện", _("the whole rural district")),
                         ("thành phố", _("the whole city")), ("tỉnh", _("the whole province")),
                         ("phường", _("the whole ward")), ("xã", _("the whole commune")),
                         ("tổng liên đoàn", _("the whole union system"))):
        if word in name:
            return phrase
    return _("the whole organisation")


def write(org, period, figures, by_type):
    """figures: {metric code: value}; by_type: [(code, name, subject kind, count)]."""
    n = lambda code: group(figures.get(code, 0))  # noqa: E731
    parts = [
        _("In %(period)s, %(place)s had %(members)s members (%(women)s women) in %(grassroots)s grassroots unions.")
        % {"period": period.label, "place": _place(org), "members": n("members"), "women": n("members_women"),
           "grassroots": n("grassroots")},
    ]
    if figures.get("grassroots"):
        pct = round(100 * figures.get("grassroots_launched", 0) / figures["grassroots"], 1)
        parts.append(_("%(done)s grassroots unions (%(pct)s%%) organised the launch of emulation campaigns.")
                     % {"done": n("grassroots_launched"), "pct": str(pct).replace(".", ",")})
    parts.append(_("%(collective)s collective and %(individual)s individual conferrals were commended by the "
                   "unions at every level.") % {"collective": n("awards_collective"),
                                                "individual": n("awards_individual")})
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
        parts.append(_("%(total)s initiatives were recognised: %(provincial)s at provincial or confederation level, "
                       "%(national)s at national level and %(grassroots)s at grassroots level, with an estimated "
                       "benefit of %(value)s đồng.")
                     % {"total": n("initiatives"), "provincial": n("initiatives_provincial"),
                        "national": n("initiatives_national"), "grassroots": n("initiatives_grassroots"),
                        "value": n("initiatives_value")})
    if figures.get("bonuses"):
        parts.append(_("Bonuses paid: %(value)s đồng.") % {"value": n("bonuses")})
    return " ".join(parts)
