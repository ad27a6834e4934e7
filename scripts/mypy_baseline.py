"""Type checking with a baseline that only shrinks.

The code base predates type checking, so mypy reports errors in old modules. They are listed in
`mypy-baseline.txt` (one line per error, without line numbers, so unrelated edits do not disturb it).
The check fails when
- an error appears that the baseline does not list (new code must type-check), or
- a listed error is gone (the baseline must then shrink: run with `--update`), or
- a module declared strict in pyproject.toml (an override with `disallow_untyped_defs`) has any error.
`--update` rewrites the baseline, and refuses to add errors to it.
"""

import argparse
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
LINE = re.compile(r"^(?P<path>[^:\s]+\.py):\d+(?::\d+)?: error: (?P<message>.*?)\s+\[(?P<code>[\w-]+)\]$")


def strict_modules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    modules = []
    for override in config.get("tool", {}).get("mypy", {}).get("overrides", []):
        if override.get("disallow_untyped_defs"):
            names = override["module"]
            modules.extend([names] if isinstance(names, str) else names)
    return modules


def _is_strict(path, modules):
    module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    return any(module == m or (m.endswith(".*") and module.startswith(m[:-1])) for m in modules)


def run_mypy():
    result = subprocess.run([sys.executable, "-m", "mypy", "."], cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("mypy did not run")
    errors = Counter()
    for line in result.stdout.splitlines():
        match = LINE.match(line.strip())
        if match:
            errors[f"{match['path']}: [{match['code']}] {match['message']}"] += 1
    return errors, result.stdout


def read_baseline():
    if not BASELINE.exists():
        return Counter()
    return Counter(line for line in BASELINE.read_text().splitlines() if line and not line.startswith("#"))


def write_baseline(errors):
    header = "# mypy errors of old modules, one per line; this list only shrinks (scripts/mypy_baseline.py).\n"
    BASELINE.write_text(header + "".join(f"{key}\n" for key in sorted(errors.elements())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the baseline (it may only shrink)")
    parser.add_argument("--allow-growth", action="store_true", help="accept new errors into the baseline")
    args = parser.parse_args()

    current, output = run_mypy()
    strict = strict_modules()
    in_strict = [key for key in current if _is_strict(key.split(":", 1)[0], strict)]
    if in_strict:
        print(output)
        print("Strict modules must type-check with no error:\n  " + "\n  ".join(sorted(in_strict)))
        return 1
    baseline = read_baseline()
    new = current - baseline
    gone = baseline - current
    if args.update:
        if new and not args.allow_growth:
            print("Not adding new errors to the baseline; fix them:\n  " + "\n  ".join(sorted(new.elements())))
            return 1
        write_baseline(current)
        print(f"Baseline: {sum(current.values())} errors (was {sum(baseline.values())}).")
        return 0
    if new:
        print(output)
        print("New type errors (fix them; the baseline only lists old ones):\n  " + "\n  ".join(sorted(new.elements())))
    if gone:
        print(
            f"{sum(gone.values())} errors of the baseline are fixed: run `python scripts/mypy_baseline.py "
            "--update` to shrink it."
        )
    if new or gone:
        return 1
    print(f"mypy: no new errors ({sum(current.values())} in the baseline).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
