# One image for every Vigil app; the app is chosen by the argument to node, e.g.
#   docker run vigil dist/apps/correlator/apps/correlator/src/main.js
# (docker-compose.yml and deploy/k8s do exactly that).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: nothing in the build needs install scripts, and some dev-only packages (chdb) would download
# native binaries in theirs.
RUN npm ci --ignore-scripts
COPY . .
# The console's web UI is bundled by its own script (skipped while the console is not in the tree).
RUN npm run build \
  && if [ -f apps/console/web/build.ts ]; then npx tsx apps/console/web/build.ts; fi \
  && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time relative to the working directory: ingest lexicons, routing and templates, the rule set.
COPY config ./config
COPY rules ./rules
# The scam signal serves its committed OpenAPI document.
COPY apps/signal/openapi.yaml ./apps/signal/openapi.yaml
# The image's unprivileged user (uid 1000), as the Kubernetes securityContext expects.
USER node
ENTRYPOINT ["node"]
CMD ["dist/apps/ingest/apps/ingest/src/main.js"]
