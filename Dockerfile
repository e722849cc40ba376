# otel-proc as a container image, e.g. for the Kubernetes load Job (deploy/kubernetes/load-job.yaml).
#
#   docker build -t REGISTRY/otel-proc:0.1.0 .
#   docker push REGISTRY/otel-proc:0.1.0
#   docker run --rm REGISTRY/otel-proc:0.1.0 emit --local
#
# Stage 1 packs the npm tarball exactly as `npm pack` does for the registry (its prepare script
# builds dist/); stage 2 installs that tarball globally and nothing else: no sources, no dev tools.

FROM node:20-slim AS pack
WORKDIR /build
COPY package.json package-lock.json ./
# Scripts stay off here: the package's own prepare (the build) runs once, in npm pack below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json README.md LICENSE ./
COPY bin ./bin
COPY scripts/build ./scripts/build
COPY src ./src
COPY templates ./templates
RUN npm pack --pack-destination /tmp \
    && mv /tmp/otel-proc-*.tgz /tmp/otel-proc.tgz

FROM node:20-slim
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1
COPY --from=pack /tmp/otel-proc.tgz /tmp/otel-proc.tgz
RUN npm install --global --no-audit --no-fund /tmp/otel-proc.tgz \
    && npm cache clean --force \
    && rm /tmp/otel-proc.tgz
# The image's own `node` user, by number: Kubernetes can only enforce runAsNonRoot on a numeric user.
USER 1000:1000
ENTRYPOINT ["otel-proc"]
CMD ["--help"]
