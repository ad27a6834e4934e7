"""Mixed load for `make bench` (and on its own: `locust -f benchmarks/locustfile.py --host http://127.0.0.1:PORT`).

80% grassroots officers (member list, search, member pages, their union's dashboard), 15% leaders
(dashboards of their province or the country, awards register), 5% exports (members and awards to Excel;
none with BENCH_NO_EXPORTS).
Accounts are the bench-* users of the scale generator (`python -m benchmarks.scale`); BENCH_PASSWORD is their password.
"""

import json
import os
import random
import re

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = os.environ.get("BENCH_PASSWORD", "")
PROVINCES = int(os.environ.get("BENCH_PROVINCES", "34"))  # bench-leader-NN exist for the tier's provinces
# The steady window: statistics restart when the USERS-th user has signed in (not when the last one is
# spawned: a sign-in costs half a second of CPU by design, and the last ones would be counted), then the run
# stops STEADY seconds later. STEADY_MARK, when set, is a file written at the restart (the bench reads it).
USERS = int(os.environ.get("BENCH_USERS", "0"))
STEADY = int(os.environ.get("BENCH_STEADY_SECONDS", "0"))
STEADY_MARK = os.environ.get("BENCH_STEADY_MARK", "")
SIGN_INS = os.environ.get("BENCH_SIGN_INS", "")  # a file for the sign-in times (ms), which the restart clears
# Set when the load measures other users while the bench exports (serve.export_impact): nobody here exports.
NO_EXPORTS = bool(os.environ.get("BENCH_NO_EXPORTS"))
_signed_in: dict = {"count": 0, "ms": []}


def _one_more_signed_in(environment, elapsed_ms):
    _signed_in["count"] += 1
    _signed_in["ms"].append(elapsed_ms)
    if USERS and _signed_in["count"] == USERS:
        environment.runner.stats.reset_all()
        if STEADY_MARK:
            with open(STEADY_MARK, "w") as mark:
                mark.write(str(USERS))
        if STEADY:
            gevent.spawn_later(STEADY, environment.runner.quit)


@events.init.add_listener
def _count_sign_ins_only_once(environment, **_kwargs):
    _signed_in.update(count=0, ms=[])


@events.quitting.add_listener
def _write_sign_in_times(environment, **_kwargs):
    if SIGN_INS:
        with open(SIGN_INS, "w") as out:
            json.dump(_signed_in["ms"], out)


NAMES = ["nguyen van", "tran thi", "le minh", "pham thu", "hoang duc", "vu thi", "dang van", "bui ngoc"]


class Signed(HttpUser):
    abstract = True
    wait_time = between(2, 8)  # people read a page before the next click
    accounts: list = []

    def on_start(self):
        # A refused sign-in (an account the tier lacks) moves on to another one.
        for username in random.sample(self.accounts, min(5, len(self.accounts))):
            self.client.get("/accounts/login/", name="login page")
            response = self.client.post(
                "/accounts/login/",
                name="login",
                allow_redirects=False,
                data={
                    "username": username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                },
                headers={"Referer": self.host + "/accounts/login/"},
            )
            if response.status_code == 302:
                break
        else:
            raise StopUser()
        _one_more_signed_in(self.environment, response.elapsed.total_seconds() * 1000)
        page = self.get("/members/", "members: list")
        self.member_ids = [int(x) for x in re.findall(r'href="/members/(\d+)/"', page.text)][:20]

    def get(self, url, name):
        """A page that sends the user back to the sign-in page counts as a failure, not a fast success."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure("signed out")
            return response

    def post(self, url, data, name):
        with self.client.post(
            url,
            data=data,
            name=name,
            catch_response=True,
            headers={"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host + url},
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure("signed out")
            return response


class Officer(Signed):
    weight = 80
    accounts = [f"bench-officer-{i:03d}" for i in range(1, 201)]

    @task(4)
    def member_list(self):
        page = self.get("/members/", "members: list")
        found = re.search(r'href="\?([^"]*after=\d+[^"]*)"', page.text)
        if found:
            self.get("/members/?" + found.group(1).replace("&amp;", "&"), "members: next page")

    @task(3)
    def search(self):
        self.post("/members/search/", {"q": random.choice(NAMES)}, "members: search")

    @task(3)
    def member_detail(self):
        if self.member_ids:
            self.get(f"/members/{random.choice(self.member_ids)}/", "members: detail")

    @task(1)
    def dashboard(self):
        self.get("/dashboard/", "dashboard: own union")


class Leader(Signed):
    weight = 15
    accounts = [f"bench-leader-{i:02d}" for i in range(1, PROVINCES + 1)] + ["bench-national"]

    @task(4)
    def dashboard(self):
        period = random.choice(["year:2025", "year:2024", "half:2025-2", "term:2023-2028"])
        self.get(f"/dashboard/?period={period}", "dashboard: province or country")

    @task(2)
    def awards(self):
        self.get(f"/awards/?year={random.choice([2023, 2024, 2025])}", "awards: register")

    @task(1)
    def members(self):
        self.get("/members/", "members: list (leader)")


class Exporter(Signed):
    abstract = NO_EXPORTS
    weight = 5
    accounts = [f"bench-officer-{i:03d}" for i in range(1, 201)]

    @task
    def export_members(self):
        self.get("/members/export/", "export: members")

    @task
    def export_awards(self):
        self.get("/awards/export/?year=2025", "export: awards")
