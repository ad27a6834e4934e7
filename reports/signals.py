"""Reports hear of every write that changes a figure through the one change signal of the domain apps
(`unions.signals.owned_rows_changed`, sent once per committed transaction by the writing services) and
refresh the rollup branches under the paths it names (see rollups.touch)."""

from . import rollups


def _owned_rows_changed(sender, paths, **kwargs):
    rollups.touch(*paths)


def connect():
    from unions.signals import owned_rows_changed

    owned_rows_changed.connect(_owned_rows_changed, dispatch_uid="rollups-owned-rows")
