# E-Tracking Telegram bot: one process, one SQLite file in the /data volume.
#
#   docker build -t etracking .
#   docker run -d --name etracking --restart unless-stopped --stop-timeout 30 \
#     --env-file /etc/etracking/secrets.env \
#     -v /etc/etracking/config.toml:/etc/etracking/config.toml:ro \
#     -v etracking-data:/data etracking
#
# The database is /data/etracking.db (ETRACK_DATABASE__PATH); see docs/deploy.md.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY office/ office/
COPY storage/ storage/
COPY notifications/ notifications/
COPY sandbox/ sandbox/
RUN python -m venv /opt/etracking/venv \
    && /opt/etracking/venv/bin/pip install /src

FROM python:3.11-slim
ENV PATH=/opt/etracking/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ETRACK_CONFIG=/etc/etracking/config.toml \
    ETRACK_DATABASE__PATH=/data/etracking.db
RUN groupadd --system --gid 10001 etracking \
    && useradd --system --uid 10001 --gid etracking --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin etracking \
    && mkdir -p /data /etc/etracking \
    && chown etracking:etracking /data \
    && chmod 0750 /data
COPY --from=build /opt/etracking/venv /opt/etracking/venv
# For reference and for `docker run --rm etracking demo --config /opt/etracking/config.example.toml`.
COPY config.example.toml /opt/etracking/config.example.toml
WORKDIR /data
VOLUME ["/data"]
USER 10001:10001
# Only in webhook mode (`run --webhook` with ETRACK_WEBHOOK__LISTEN=0.0.0.0); polling needs no port.
EXPOSE 8443
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=60s --timeout=20s --start-period=120s --retries=3 \
    CMD ["etracking", "health"]
ENTRYPOINT ["etracking"]
CMD ["run"]
