"""Permission-matrix rows for the initiative, work and research URLs.

MATRIX: url name -> (method, target, {persona: status}); make_target(world, target) -> url kwargs
or None when the target is not one of this module's.
"""

MATRIX = {}


def make_target(world, target):
    return None
