# syntax=docker/dockerfile:1
# The Berth image: the launcher, its libraries and the bundled plugins, serving both
#   berth serve     (the queue manager, :8081)       docker run -p 8081:8081 berth:0.1.0-SNAPSHOT
#   berth monitor   (the per-node monitor, :8080)    docker run berth:0.1.0-SNAPSHOT monitor
# Build from the repository root:
#   docker build -t berth:0.1.0-SNAPSHOT .
# docs/kubernetes.md has the other ways (podman, buildah, kaniko) and how to load it into a cluster.

# --- Build: the same Maven build as ./berth, producing dist/target/berth/{lib,plugins} ---
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds; -DskipTests because CI runs the tests.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl dist -am package

# --- Run: a JRE 17, a non-root user, nothing else ---
FROM eclipse-temurin:17-jre
# A fixed uid/gid, so that Kubernetes can check runAsNonRoot and volumes can be owned by it.
RUN groupadd --system --gid 10001 berth \
 && useradd --system --uid 10001 --gid berth --home-dir /var/lib/berth --no-create-home --shell /usr/sbin/nologin berth \
 && mkdir -p /var/lib/berth \
 && chown berth:berth /var/lib/berth
COPY --from=build /src/dist/target/berth/lib/ /opt/berth/lib/
COPY --from=build /src/dist/target/berth/plugins/ /opt/berth/plugins/
# Berth copies the bundled plugins from /opt/berth/plugins into <dataDir>/plugins at start, so the
# data directory is the only place it writes: a volume in production (the root filesystem can be
# read-only).
ENV BERTH_DATA_DIR=/var/lib/berth \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/berth
WORKDIR /var/lib/berth
USER 10001:10001
EXPOSE 8081 8080
ENTRYPOINT ["java", "-Dberth.home=/opt/berth", "-cp", "/opt/berth/lib/*", "dev.berth.core.cli.Launcher"]
CMD ["serve"]
