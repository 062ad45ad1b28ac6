# Flock's container images: one Dockerfile, one target per deployable.
#
#   docker build --target identity -t flock-identity .        (or buildah build --target …)
#
# targets: gateway, identity, network, network-worker, posts, feed, feed-worker, mailer, jobs
#
# Why one file with targets rather than a Dockerfile per service: every image comes out of
# the same build stage (`npm ci` + `npm run build`, which bundles every service at once), so
# building all of them compiles once and the build cache is shared; a target only picks its
# own bundle and the few files it reads at run time, and sets its own command, port and
# health check. A target per deployable (not a build argument) because that is what differs
# in more than one place, and `--target` is what compose (`build.target`) and CI's matrix use.
#
# Images: the base (node:20-bookworm-slim by default; machines without a registry pass
# BASE_IMAGE, see deploy/images/), a few MB of runtime packages (argon2, pino: all the rest is
# inside the bundles), the bundle (~10 MB). They run as uid 1000 (non-root, numeric so that
# Kubernetes' runAsNonRoot can check it), in production mode, listening on 0.0.0.0:$PORT.
# Configuration is the environment (each variable also as <NAME>_FILE, see README).
# Migrations and topic creation are the `jobs` image's commands, run before services start:
#   node dist/jobs/migrate.js        node dist/jobs/create-topics.js
ARG BASE_IMAGE=node:20-bookworm-slim
# The build stage's image: the same Node with a C++ toolchain (python3, make, g++), for a
# native addon whose prebuilt binary does not load there (then npm compiles it).
ARG BUILD_IMAGE=node:20-bookworm

# ---- manifests: the package.json files and the lockfile, alone ----
# So that a change of sources reuses the installed dependencies (the layer below is cached
# as long as these files are the same).
FROM ${BASE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests && cp package-lock.json /manifests/ && \
    find . -name package.json -not -path '*/node_modules/*' | tar -cf - -T - | tar -xf - -C /manifests

# ---- build: dependencies (dev ones too: esbuild, prisma, tsx), then every bundle ----
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV CHECKPOINT_DISABLE=1
COPY --from=manifests /manifests/ ./
# No install scripts but argon2's (esbuild's binary comes as an optional dependency, Prisma's
# engines are not used): argon2's keeps its prebuilt binary when it loads with this Node and
# compiles it otherwise (the prebuilt one segfaults with some Node 20 builds, e.g.
# NodeSource's). A machine whose egress re-signs TLS passes its CA bundle as the build secret
# `ca-certificates` (deploy/images/build.sh does); it is mounted for this step only, never
# stored in a layer.
RUN --mount=type=cache,target=/root/.npm \
    --mount=type=secret,id=ca-certificates \
    if [ -s /run/secrets/ca-certificates ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca-certificates; fi && \
    npm ci --ignore-scripts --no-audit --no-fund && \
    npm rebuild argon2
COPY . .
# The Prisma clients are generated here (src/generated is not in the context), then bundled.
# Source maps stay out of the images: --enable-source-maps costs ~130 MiB and seconds at start.
RUN npm run build && rm -f */dist/*.js.map */*/dist/*.js.map dist/jobs/*.js.map

# ---- runtime: what every image shares ----
FROM ${BASE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0
# Packages the bundles leave outside (argon2, pino), with their dependencies.
COPY --from=build /src/dist/node_modules node_modules
USER 1000:1000
# No curl in slim images: Node asks /healthz itself.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS gateway
COPY --from=build /src/gateway/dist gateway/dist
# The default SUPERGRAPH_PATH; a cluster mounts its own and sets the variable.
COPY --from=build /src/schema/supergraph.graphql schema/supergraph.graphql
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/dist/server.js"]

FROM runtime AS identity
COPY --from=build /src/subgraphs/identity/dist subgraphs/identity/dist
COPY --from=build /src/subgraphs/identity/schema.graphql subgraphs/identity/
ENV PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/identity/dist/server.js"]

# The subgraph and its worker (which registers users in the graph) share the image.
FROM runtime AS network
COPY --from=build /src/subgraphs/network/dist subgraphs/network/dist
COPY --from=build /src/subgraphs/network/schema.graphql subgraphs/network/
ENV PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/network/dist/server.js"]

FROM network AS network-worker
ENV PORT=4012
EXPOSE 4012
CMD ["node", "subgraphs/network/dist/worker.js"]

FROM runtime AS posts
COPY --from=build /src/subgraphs/posts/dist subgraphs/posts/dist
COPY --from=build /src/subgraphs/posts/schema.graphql subgraphs/posts/
ENV PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/posts/dist/server.js"]

# The subgraph, its worker (timelines from events) and `node subgraphs/feed/dist/rebuild.js`.
FROM runtime AS feed
COPY --from=build /src/subgraphs/feed/dist subgraphs/feed/dist
COPY --from=build /src/subgraphs/feed/schema.graphql subgraphs/feed/
ENV PORT=4004
EXPOSE 4004
CMD ["node", "subgraphs/feed/dist/server.js"]

FROM feed AS feed-worker
ENV PORT=4011
EXPOSE 4011
CMD ["node", "subgraphs/feed/dist/worker.js"]

FROM runtime AS mailer
COPY --from=build /src/workers/mailer/dist workers/mailer/dist
ENV PORT=4010
EXPOSE 4010
CMD ["node", "workers/mailer/dist/worker.js"]

# One-shot commands: migrate (Postgres of identity, posts, mailer; Neo4j constraints),
# create-topics, and redrive (`node dist/jobs/redrive.js <topic>`). No server: no health check.
FROM runtime AS jobs
COPY --from=build /src/dist/jobs dist/jobs
COPY --from=build /src/prisma prisma
HEALTHCHECK NONE
CMD ["node", "dist/jobs/migrate.js"]
