# One image for every Kelp service; the compose file picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY services ./services
COPY shared ./shared
COPY bin ./bin
COPY bench ./bench
COPY test ./test
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# A small young generation keeps idle services under 80 MB RSS (bench case `memory`).
ENV NODE_OPTIONS=--max-semi-space-size=1
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/bin ./bin
USER node
# Each service serves /healthz, /readyz and /metrics on HEALTH_PORT.
ENV HEALTH_HOST=0.0.0.0 HEALTH_PORT=9000
EXPOSE 9000
CMD ["node", "--enable-source-maps", "dist/services/all-in-one/src/main.js"]
