# syntax=docker/dockerfile:1
# Tavolo: build with the Maven wrapper on a JDK 17, run on a JRE 17 as a non-root user.
#   docker build -t tavolo .
#   docker run -p 8080:8080 -v tavolo-data:/data tavolo                       # embedded PostgreSQL, demo
#   docker run -p 8080:8080 -e DATABASE_URL=postgresql://u:p@db:5432/tavolo \
#     -e TAVOLO_ENV=production -e TAVOLO_JWT_SECRET=... -e TAVOLO_PUBLIC_ORIGIN=https://... tavolo

# The webapp module bundles its JavaScript with esbuild during the Maven build: it needs Node.
FROM node:20-bookworm-slim AS node

FROM eclipse-temurin:17-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -q -DskipTests package \
 && cp server/target/tavolo.jar /tavolo.jar

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK; nothing else is added to the JRE image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system tavolo \
 && useradd --system --gid tavolo --home-dir /app --shell /usr/sbin/nologin tavolo \
 && mkdir -p /app /data \
 && chown tavolo:tavolo /data
COPY --from=build /tavolo.jar /app/tavolo.jar
USER tavolo
WORKDIR /app
# Without DATABASE_URL the server runs its own PostgreSQL with its data in /data.
ENV PORT=8080 \
    HOST=0.0.0.0 \
    TAVOLO_DATA_DIR=/data \
    TAVOLO_SHUTDOWN_GRACE=8s
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" >/dev/null || exit 1
# java is PID 1: SIGTERM (docker stop) reaches the JVM, whose shutdown hook stops gracefully.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/tavolo.jar"]
