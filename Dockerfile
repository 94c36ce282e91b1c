# Production-like image of geoevents. Builds offline from the committed .sqlx/ query cache;
# at run time it needs DATABASE_URL (see docker-compose.yml).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin geoevents

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 geoevents
COPY --from=build /src/target/release/geoevents /usr/local/bin/geoevents
USER geoevents
ENV GEOEVENTS_BIND=0.0.0.0:8080 GEOEVENTS_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["geoevents"]
CMD ["serve"]
