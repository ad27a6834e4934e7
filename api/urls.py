from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import figures, views

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("awards", views.AwardViewSet, basename="award")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("figures/", figures.figures, name="figures"),
    path("", include(router.urls)),
]
