from django.template.loader import render_to_string

from .selectors import awards as selectors


def member_awards(request, member):
    return render_to_string("awards/_history_panel.html", {"awards": list(selectors.member_awards(member))}, request)


def organization_awards(request, org):
    return render_to_string("awards/_history_panel.html", {"awards": list(selectors.organization_awards(org))}, request)
