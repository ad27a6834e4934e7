#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    # Commands typed on a developer's machine run in development mode; deployments set DEBUG=0
    # (docker-compose does), and gunicorn and Celery never go through this file.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
