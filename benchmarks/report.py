"""The suite's targets (issue 18), the verdict on a run, and its results files (JSON and Markdown)."""

import json

# Each page: p50 within FLOOR_MARGIN of its floor and within SQL_FACTOR × its best SQL + SQL_MARGIN; p95 within
# its group's limit. Dashboards keep their earlier p50 limit; the API's lists are judged by their p95 only.
FLOOR_MARGIN = 15
SQL_FACTOR, SQL_MARGIN = 2, 15
P95 = {"dashboard": 200, "members": 200, "awards": 200, "pickers": 150, "api": 300}
P50 = {"dashboard": 50}
RULE = (
    f"Target of each page: p50 ≤ floor + {FLOOR_MARGIN} ms and p50 ≤ {SQL_FACTOR} × best SQL + {SQL_MARGIN} ms, "
    f"p95 ≤ {P95['members']} ms (pickers ≤ {P95['pickers']}; dashboards also p50 ≤ {P50['dashboard']}); "
    f"the API's lists: p95 ≤ {P95['api']} ms."
)
# Mixed load: users -> (p95 of every request, p95 of sign-ins), ms; no errors.
LOAD_TARGETS = {50: (250, 500), 100: (600, None)}
# Other users' p95 during an export, over their p95 without one.
EXPORT_IMPACT_RATIO = 1.2


def page_misses(row):
    """The conditions a page row fails, each said plainly ("p50 61.5 ms > floor 12.0 + 15")."""
    app, group = row["app"], row["group"]
    p50, p95, sql = app["p50_ms"], app["p95_ms"], row["sql"]["p50_ms"]
    misses = []
    floor = row.get("floor")
    if floor and p50 > floor["p50_ms"] + FLOOR_MARGIN:
        misses.append(f"p50 {p50} ms > floor {floor['p50_ms']} + {FLOOR_MARGIN}")
    if group != "api" and p50 > SQL_FACTOR * sql + SQL_MARGIN:
        misses.append(f"p50 {p50} ms > {SQL_FACTOR} × SQL {sql} + {SQL_MARGIN}")
    if group in P50 and p50 > P50[group]:
        misses.append(f"p50 {p50} ms > {P50[group]}")
    if p95 > P95[group]:
        misses.append(f"p95 {p95} ms > {P95[group]}")
    return misses


def _ratio(app, other):
    return f"{app / other:.1f}" if other else "—"


def _load_average(result):
    """The machine's load (1, 5, 15 minutes) when the run started and ended: a busy machine shows here."""
    start, end = result.get("load_average_start"), result.get("load_average_end")
    if not start:
        return []
    line = f"Load average at the start: {', '.join(map(str, start))}"
    if end:
        line += f"; at the end: {', '.join(map(str, end))}"
    return [line + " (1, 5 and 15 minutes).", ""]


def markdown(result):
    m = result["machine"]
    lines = [
        f"# Benchmark {result['tier']} — {result['date']}",
        "",
        f"Machine: {m['cpu']} ({m['cores']} cores), {m['memory_gb']} GB RAM; {m['postgres']}; "
        f"Python {m['python']}; commit {m['commit']}.",
        "",
        *_load_average(result),
        "Data: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in result["data"].items()),
        "",
    ]
    if result.get("generate_seconds"):
        lines += [f"Data generated in {result['generate_seconds']:.0f} s.", ""]
    lines += [
        "## Pages (sequential requests, one user; ms)",
        "",
        "The floor is a minimal Django view rendering the same rows (benchmarks/floor.py), with the same session; "
        "the best SQL is the product's own best query for the page's rows (benchmarks/baselines.py).",
        "",
        RULE,
        "",
        "| Page | app p50 | app p95 | floor p50 | best SQL p50 | app/floor | app/SQL | met |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in result["pages"]:
        app, sql, floor = row["app"], row["sql"]["p50_ms"], row.get("floor")
        misses = page_misses(row)
        lines.append(
            f"| {row['name']} | {app['p50_ms']} | {app['p95_ms']} | {floor['p50_ms'] if floor else '—'} | {sql} | "
            f"{_ratio(app['p50_ms'], floor['p50_ms']) if floor else '—'} | {_ratio(app['p50_ms'], sql)} | "
            f"{'NO: ' + '; '.join(misses) if misses else 'yes'} |"
        )
    exp = result.get("export")
    if exp:
        lines += [
            "",
            f"- Export of the largest province's awards of 2025 ({exp.get('rows') or '—'} rows): request answered in "
            f"{exp['request_ms']} ms p50 of 5 (target ≤ 200; the first, which opens the web worker's broker "
            f"connection, {exp.get('first_ms', '—')} ms), file ready in {exp['ready_s']} s (target ≤ 30), worker peak "
            f"memory {exp.get('worker_peak_mb') or '—'} MB (target ≤ 200).",
        ]
    lines += _impact_lines(result.get("export_impact"))
    imp = result["import"]
    lines += [
        "",
        "## Import, reports, rollups",
        "",
        f"- Import of {imp['rows']:,} members ({imp['bytes'] // 1024} KiB): upload and check "
        f"{imp['upload_check_s']} s, confirm and write {imp['confirm_write_s']} s, total {imp['total_s']} s "
        f"(target ≤ 10 s).".replace(",", "."),
    ]
    for key, label, target in (
        ("report_province", "Year-end report, largest province", "≤ 30 s"),
        ("report_country", "Year-end report, whole country", "≤ 5 min, ≤ 1 GB"),
        ("rollup_rebuild", "Rollup full rebuild", "≤ 60 s"),
    ):
        job = result["jobs"][key]
        lines.append(f"- {label}: {job['seconds']} s, peak memory {job['peak_mb']} MB (target {target}).")
    for load in result.get("mixed_loads") or [result["mixed_load"]]:
        lines += _load_lines(load)
    missed = missed_targets(result)
    lines += ["", "## Targets", ""]
    lines += [f"- NOT MET: {m}" for m in missed] if missed else ["- Every target of the suite met."]
    return "\n".join(lines) + "\n"


def _impact_lines(impact):
    if not impact:
        return []
    without, during = impact["without"], impact["during"]
    jobs = [e for e in impact["exports"] if e["job"]]
    rows = sorted(e["rows"] for e in jobs if e.get("rows"))
    ran = f"{len(impact['exports'])} exports, {len(jobs)} of them jobs on the worker" + (
        f" of {rows[0]:,}–{rows[-1]:,} rows".replace(",", ".") if rows else ""
    )
    return [
        f"- Other users during an export ({without.get('users')} users without exports of their own, "
        f"{without.get('seconds')} s each, counted once all had signed in): p95 {impact['p95_without_ms']:.0f} ms "
        f"without an export, {impact['p95_during_ms']:.0f} ms while the province's award exports ran one after "
        f"another ({ran}); ratio {impact['ratio']} "
        f"(target ≤ {EXPORT_IMPACT_RATIO}); errors {without.get('aggregated', {}).get('failures', '—')} and "
        f"{during.get('aggregated', {}).get('failures', '—')}.",
    ]


def _load_lines(load):
    agg = load.get("aggregated", {})
    sign_in = load.get("sign_in", {})
    window = (
        "counted from the moment every user had signed in"
        if load.get("steady")
        else "NOT every user signed in: the figures include the ramp"
    )
    lines = [
        "",
        f"## Mixed load: {load.get('users')} users for {load.get('seconds')} s",
        "",
        f"Locust, 80% grassroots officers, 15% leaders, 5% exports; each user pauses 2–8 s between pages; {window}.",
        "",
    ]
    if sign_in.get("n"):
        lines += [f"Sign-ins: {sign_in['n']}, p50 {sign_in['p50_ms']} ms, p95 {sign_in['p95_ms']} ms.", ""]
    if not agg:
        return [*lines, str(load)]
    lines += [
        f"{agg['requests']:,} requests, {agg['failures']} errors, {agg['rps']} requests/s; "
        f"p50 {agg['p50_ms']:.0f} ms, p95 {agg['p95_ms']:.0f} ms.".replace(",", "."),
        "",
        "| Request | requests | errors | p50 | p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in sorted(load["pages"].items()):
        lines.append(f"| {name} | {row['requests']} | {row['failures']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} |")
    return lines


def missed_targets(result):
    """What the run did not meet, one line each (the suite's own targets; empty: all met)."""
    missed = [f"{row['name']}: {'; '.join(page_misses(row))}" for row in result["pages"] if page_misses(row)]
    imp = result.get("import") or {}
    if imp.get("total_s", 0) > 10:
        missed.append(f"Import of 10.000 members: {imp['total_s']} s (target ≤ 10 s)")
    exp = result.get("export") or {}
    if exp and (exp["request_ms"] > 200 or exp["ready_s"] > 30 or (exp.get("worker_peak_mb") or 0) > 200):
        missed.append(
            f"Export of a province's awards: request {exp['request_ms']} ms, ready {exp['ready_s']} s, "
            f"worker peak {exp.get('worker_peak_mb')} MB (targets ≤ 200 ms, ≤ 30 s, ≤ 200 MB)"
        )
    missed += _impact_missed(result.get("export_impact"))
    rebuild = (result.get("jobs") or {}).get("rollup_rebuild") or {}
    if rebuild.get("seconds", 0) > 60:
        missed.append(f"Rollup full rebuild: {rebuild['seconds']} s (target ≤ 60 s)")
    for load in result.get("mixed_loads") or []:
        users, agg = load.get("users"), load.get("aggregated") or {}
        limit, sign_in_limit = LOAD_TARGETS.get(users, (None, None))
        if not load.get("steady"):
            missed.append(f"Mixed load, {users} users: not every user signed in")
        if agg.get("failures"):
            missed.append(f"Mixed load, {users} users: {agg['failures']} errors")
        if limit and agg.get("p95_ms", 0) > limit:
            missed.append(f"Mixed load, {users} users: p95 {agg['p95_ms']:.0f} ms (target ≤ {limit})")
        sign_in = load.get("sign_in") or {}
        if sign_in_limit and sign_in.get("p95_ms", 0) > sign_in_limit:
            missed.append(f"Mixed load, {users} users: sign-in p95 {sign_in['p95_ms']} ms (target ≤ {sign_in_limit})")
    return missed


def _impact_missed(impact):
    if not impact:
        return []
    missed = []
    if impact["ratio"] is None or impact["ratio"] > EXPORT_IMPACT_RATIO:
        missed.append(
            f"Other users during an export: p95 {impact['p95_during_ms']:.0f} ms > {EXPORT_IMPACT_RATIO} × "
            f"{impact['p95_without_ms']:.0f} ms without one (ratio {impact['ratio']})"
        )
    if not impact["exports"]:
        missed.append("Other users during an export: no export ran during the load")
    for label in ("without", "during"):
        load = impact[label]
        if not load.get("steady"):
            missed.append(f"Other users during an export ({label}): not every user signed in")
        if (load.get("aggregated") or {}).get("failures"):
            missed.append(f"Other users during an export ({label}): {load['aggregated']['failures']} errors")
    return missed


def write_results(result, out):
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{result['tier']}-{result['date'][:16].replace(':', '')}"
    json_path, md_path = out / f"{stem}.json", out / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    md_path.write_text(markdown(result))
    return json_path, md_path
