"""Permission-matrix rows for the awards URLs."""

from tests.personas import ADM, ALL, OUT, A, B, L, S

EVERYONE = dict.fromkeys(ALL, 200)
WRITERS = {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}
# Past awards are imported into a federation: grassroots officers have none in reach.
FEDERATION_WRITERS = {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200}

MATRIX = {
    "awards:award_list": ("get", None, "read", EVERYONE),
    "awards:award_export": ("get", None, "read", EVERYONE),
    "awards:external_award_create": ("get", None, "member.write", WRITERS),
    "awards:award_import": ("get", None, "award.register_import", FEDERATION_WRITERS),
    "awards:award_import_template": ("get", None, "award.register_import", FEDERATION_WRITERS),
    "awards:candidates": ("get", None, "read", EVERYONE),
    "awards:ratings": ("get", None, "member.write", WRITERS),
    "awards:ratings_import": ("get", None, "member.write", WRITERS),
    "awards:ratings_template": ("get", None, "member.write", {A: 403, S: 403, L: 403, B: 403, OUT: 403, ADM: 403}),
    "awards:discipline_list": ("get", None, "read", EVERYONE),
    "awards:discipline_create": ("get", None, "member.write", WRITERS),
    "awards:complaint_create": ("get", None, "member.write", WRITERS),
    # The union above a grassroots union rates it: district staff and the administrator.
    "awards:union_quality": ("get", None, "union.rate", {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200}),
    # Without an organisation and a year there is no file: 403 for everyone here (its test opens it with them).
    "awards:union_quality_export": ("get", None, "union.rate", dict.fromkeys(ALL, 403)),
}


def make_target(world, target):
    return None
