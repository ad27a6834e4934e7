# Production image: gunicorn serving Django, the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Pango and the DejaVu fonts: WeasyPrint renders certificates, reports and drafted documents with them
# (awards/certificates/lines.py measures text with the same DejaVu Serif files).
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN DEBUG=1 python manage.py compilemessages -l vi --ignore=node_modules \
    && DEBUG=1 python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 thidua && chown -R thidua /app \
    && mkdir -p /var/lib/thidua/media && chown thidua /var/lib/thidua/media
USER thidua
EXPOSE 8000
CMD ["gunicorn", "emulation.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
