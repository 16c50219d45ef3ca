# The server from the repo, run with tsx on Node 24 (the node package pins it for scripts too).
FROM node:24-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json tsconfig.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY scripts/package.json scripts/
# pnpm applies these to dependencies at install time (see README, "A patched dependency").
COPY patches patches
RUN pnpm install --frozen-lockfile
COPY shared shared
COPY server server
COPY client client
COPY scripts scripts
ENV HOST=0.0.0.0 PORT=3000 NODE_ENV=production
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["pnpm", "start"]
