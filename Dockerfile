# syntax=docker/dockerfile:1
# Production image: gunicorn serving the app; the same image runs `manage.py rundramatiq` as the worker.

# --- front-end libraries from the npm registry (pinned by package-lock.json) ---
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
COPY scripts/vendor.mjs scripts/vendor.mjs
RUN npm ci --no-audit --no-fund --loglevel=error && npm run --silent vendor

# --- Python wheels ---
FROM python:3.11-slim-bookworm AS wheels
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# --- runtime ---
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VAR_DIR=/app/var \
    CHROMIUM_PATH=/usr/bin/chromium
# Chromium renders PDF exports; fonts are embedded in those PDFs; poppler reads PDFs back.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation poppler-utils curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /app
COPY --chown=app:app . .
COPY --from=frontend --chown=app:app /build/static/vendor static/vendor
# collectstatic needs settings but no secrets and no services: a throwaway key at build time only.
RUN SECRET_KEY=build-only-not-used-at-runtime DEBUG=false python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var && chown -R app:app /app/var /app/staticfiles
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "careeragent.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", \
     "--timeout", "60", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
