"""The machine a benchmark ran on, for the results file."""

import os
import platform
import subprocess

from django.db import connection


def describe():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
        with open("/proc/meminfo") as f:
            mem_kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
    except OSError:
        mem_kb = 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = "PostgreSQL " + cursor.fetchone()[0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024),
        "postgres": postgres,
        "python": platform.python_version(),
        "commit": commit or "unknown",
    }
