"""Initiatives, works and research projects (filled in by the initiatives work)."""

app_name = "initiatives"

urlpatterns = []
