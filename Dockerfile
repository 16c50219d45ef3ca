# Two stages. build: the workspace with its dev dependencies, `pnpm build` -> dist/ (the server
# and every npm dependency bundled into plain ESM, the dashboard and data files beside it).
# runtime: Node and dist/, nothing else: no node_modules, no sources, no package manager.

FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY scripts/package.json scripts/
# pnpm applies these to dependencies at install time (see README, "A patched dependency").
COPY patches patches
RUN pnpm install --frozen-lockfile
# Everything else the build reads (.dockerignore keeps out node_modules, dist, .git, ...).
COPY . .
RUN pnpm build

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV HOST=0.0.0.0 PORT=3000
COPY --from=build /app/dist dist
# The files stay root's: the server reads them and writes nothing on disk.
USER node
EXPOSE 3000
# What `docker stop` sends; the server drains (SHUTDOWN_TIMEOUT_MS) and exits 0. Give
# `docker stop -t` / compose's stop_grace_period more than SHUTDOWN_TIMEOUT_MS + 3 s.
STOPSIGNAL SIGTERM
# On the port the container is configured with ($PORT), not a fixed one.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and receives the signals: no pnpm, no shell in between.
CMD ["node", "dist/main.js"]
