"""The personas of the `world` fixture (tests/conftest.py), named once for every matrix and test.

A: officer of union_a1 · S: staff of district_a · L: leader of the city · B: officer of union_b1 (another
district: everything in district_a is outside their reach) · OUT: a user with no role · ADM: administrator
at the root.
"""

A = "officer_union_a1"
S = "staff_district_a"
L = "leader_city"
B = "officer_union_b1"
OUT = "outsider"
ADM = "admin"
ALL = (A, S, L, B, OUT, ADM)
