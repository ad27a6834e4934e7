"""Permission-matrix rows for dashboards and reports."""

MATRIX = {
    # The dashboard of the user's own top organisation; the outsider has none.
    "reports:dashboard": ("get", None, {"officer_union_a1": 200, "staff_district_a": 200, "leader_city": 200,
                                        "officer_union_b1": 200, "outsider": 404, "admin": 200}),
}


def make_target(world, target):
    return None
