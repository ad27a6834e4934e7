"""Mixed load for `make bench` (and on its own: `locust -f benchmarks/locustfile.py --host http://127.0.0.1:PORT`).

80% grassroots officers (member list, search, member pages, their union's dashboard), 15% leaders
(dashboards of their province or the country, awards register), 5% exports (members and awards to Excel).
Accounts are the bench-* users of `generate_scale`; BENCH_PASSWORD is their password.
"""

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "")
NAMES = ["nguyen van", "tran thi", "le minh", "pham thu", "hoang duc", "vu thi", "dang van", "bui ngoc"]


class Signed(HttpUser):
    abstract = True
    wait_time = between(2, 8)  # people read a page before the next click
    accounts: list = []

    def on_start(self):
        self.client.get("/accounts/login/", name="login page")
        self.client.post("/accounts/login/", name="login", data={
            "username": random.choice(self.accounts), "password": PASSWORD,
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": self.host + "/accounts/login/"})
        page = self.client.get("/members/", name="members: list")
        self.member_ids = [int(x) for x in re.findall(r'href="/members/(\d+)/"', page.text)][:20]

    def post(self, url, data, name):
        return self.client.post(url, data=data, name=name, headers={
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host + url})


class Officer(Signed):
    weight = 80
    accounts = [f"bench-officer-{i:03d}" for i in range(1, 201)]

    @task(4)
    def member_list(self):
        page = self.client.get("/members/", name="members: list")
        found = re.search(r'href="\?([^"]*after=\d+[^"]*)"', page.text)
        if found:
            self.client.get("/members/?" + found.group(1).replace("&amp;", "&"), name="members: next page")

    @task(3)
    def search(self):
        self.post("/members/search/", {"q": random.choice(NAMES)}, "members: search")

    @task(3)
    def member_detail(self):
        if self.member_ids:
            self.client.get(f"/members/{random.choice(self.member_ids)}/", name="members: detail")

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard: own union")


class Leader(Signed):
    weight = 15
    accounts = [f"bench-leader-{i:02d}" for i in range(1, 35)] + ["bench-national"]

    @task(4)
    def dashboard(self):
        period = random.choice(["year:2025", "year:2024", "half:2025-2", "term:2023-2028"])
        self.client.get(f"/dashboard/?period={period}", name="dashboard: province or country")

    @task(2)
    def awards(self):
        self.client.get(f"/awards/?year={random.choice([2023, 2024, 2025])}", name="awards: register")

    @task(1)
    def members(self):
        self.client.get("/members/", name="members: list (leader)")


class Exporter(Signed):
    weight = 5
    accounts = [f"bench-officer-{i:03d}" for i in range(1, 201)]

    @task
    def export_members(self):
        self.client.get("/members/export/", name="export: members")

    @task
    def export_awards(self):
        self.client.get("/awards/export/?year=2025", name="export: awards")
