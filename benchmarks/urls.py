"""The product's URLs and, under /_floor/, the floor views (benchmarks/floor.py) the bench times beside each page."""

from django.urls import include, path

from emulation.urls import urlpatterns as product

from . import floor

floor_patterns = [
    path("dashboard/live/", floor.dashboard_live),
    path("dashboard/rollup/", floor.dashboard_rollup),
    path("members/", floor.member_list),
    path("members/search/", floor.member_search),
    path("pick/member/", floor.pick_member),
    path("awards/", floor.award_list),
    path("proposals/<int:pk>/", floor.proposal_detail),
]

urlpatterns = [path("_floor/", include(floor_patterns)), *product]
