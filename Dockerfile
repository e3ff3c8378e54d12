# Multi-stage build of the service: compile with dev dependencies, run with production ones only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY codegen.yml tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
COPY web ./web
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY cypher ./cypher
COPY seed ./seed
# The audit log volume mounts here: the directory exists, owned by the service's user, so that a
# fresh named volume (which takes the directory's owner and mode) is writable by it.
RUN mkdir -p /var/log/cmdb && chown node:node /var/log/cmdb && chmod 0750 /var/log/cmdb
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"
CMD ["node", "dist/src/main.js"]
