"""docker-compose.yml and .env.example as the README documents them. The machines running the suite have no
`docker compose`, so the file's structure is checked here; where the CLI exists, `docker compose config` too."""

import pathlib
import re
import shutil
import subprocess

import pytest
import yaml
from django.conf import settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP = ("migrate", "web", "worker", "worker-reports", "beat")


def _queues(service):
    command = SERVICES[service]["command"]
    return set(command[command.index("-Q") + 1].split(",")) if "-Q" in command else None


def test_every_long_running_service_has_a_health_check():
    for name, service in SERVICES.items():
        if name == "migrate":
            continue
        check = service.get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name


def test_the_workers_together_take_every_queue_and_beat_runs_once():
    workers = [name for name, s in SERVICES.items() if "worker" in s.get("command", [])]
    taken = set().union(*(_queues(name) for name in workers))
    assert taken == set(settings.TASK_QUEUE_NAMES)
    assert "reports" not in _queues("worker")  # imports never wait behind a report
    assert [name for name, s in SERVICES.items() if "beat" in s.get("command", [])] == ["beat"]


def test_migrations_run_once_before_the_web_processes():
    assert SERVICES["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    assert SERVICES["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "migrate" not in " ".join(SERVICES["web"]["command"])


def test_app_services_share_the_environment_files_and_cache():
    for name in APP:
        service = SERVICES[name]
        assert service["env_file"] == ".env" and service["build"] == "."
        assert service["environment"]["CACHE_URL"].startswith("redis://")
        assert service["environment"]["REDIS_URL"].startswith("redis://")


def test_static_files_are_collected_when_the_image_is_built():
    assert "collectstatic --noinput" in (ROOT / "Dockerfile").read_text()


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for source in (ROOT / "emulation").glob("*.py"):
        if source.name == "settings_test.py":
            continue
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', source.read_text()))
    read -= {"DJANGO_SETTINGS_MODULE"}
    listed = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - listed == set()
    assert len(read) > 40


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="no docker compose on this machine",
)
def test_docker_compose_config_passes(tmp_path):
    env = {"POSTGRES_PASSWORD": "x", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    (tmp_path / ".env").write_text("SECRET_KEY=x\n")
    result = subprocess.run(
        [
            "docker",
            "compose",
            "-f",
            str(ROOT / "docker-compose.yml"),
            "--project-directory",
            str(tmp_path),
            "config",
            "-q",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_file_building_work_gives_way_to_the_web_processes():
    """Exports, reports and documents run at a lower CPU priority, so a 40.000-row export on a shared machine does not
    slow other users' pages (benchmarks/ measures it)."""
    import jobs.tasks  # noqa: F401 (registers the export handler)
    from jobs.exports import KIND
    from jobs.registry import queue_for

    command = SERVICES["worker-reports"]["command"]
    assert command[:3] == ["nice", "-n", "10"]
    assert queue_for(KIND) in _queues("worker-reports")
