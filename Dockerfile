# syntax=docker/dockerfile:1
# Build: docker build -t shorturl .
# Run:   docker run -p 8080:8080 -v shorturl-data:/data shorturl

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ShortUrl/ShortUrl.csproj src/ShortUrl/
RUN dotnet restore src/ShortUrl/ShortUrl.csproj
COPY src/ src/
COPY wwwroot/ wwwroot/
COPY migrations/ migrations/
RUN dotnet publish src/ShortUrl/ShortUrl.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown app:app /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__ShortUrl="Data Source=/data/shorturl.db"
VOLUME /data
EXPOSE 8080
# The non-root user that the .NET images ship.
USER app
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl --fail --silent --output /dev/null http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "ShortUrl.dll"]
