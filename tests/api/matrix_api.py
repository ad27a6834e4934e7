"""Permission-matrix rows for the API token pages. The API's endpoints answer tokens, not pages: their reach
(listed in scope, 404 outside, 401 without a valid token) is tested endpoint by endpoint in tests/api/."""

from api import services
from tests.personas import ADM, OUT, A, B, L, S

MATRIX = {
    "api_tokens:list": ("get", None, "self", dict.fromkeys((A, S, L, B, OUT, ADM), 200)),
    "api_tokens:revoke": ("post", "token_a1", "self", {A: 302, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
}
ENDPOINTS = {
    f"api:{name}-{kind}"
    for name in (
        "organization", "member", "campaign", "registration", "initiative", "proposal", "decision", "award",
    )
    for kind in ("list", "detail")
} | {"api:api-root", "api:schema", "api:docs", "api:figures"}  # fmt: skip


def make_target(world, target):
    if target == "token_a1":
        return {"pk": services.token_create(actor=world.officer_union_a1, name="HRM")[0].pk}
    return None
