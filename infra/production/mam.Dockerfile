# One image for Mam.Api and Mam.Workers (compose picks the entrypoint). Build context: the repo root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The SDK reports usage to Microsoft unless told not to.
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
COPY . .
RUN dotnet publish Mam.Api/Mam.Api.csproj -c Release -r linux-x64 --self-contained -o /out/api \
 && dotnet publish Mam.Workers/Mam.Workers.csproj -c Release -r linux-x64 --self-contained -o /out/workers

# Debian 12 on purpose: its ffmpeg 5.1 and pocketsphinx 0.8 (pocketsphinx_continuous) are the
# versions the media stages are tested with.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg pocketsphinx pocketsphinx-en-us ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/mam mam \
 && mkdir -p /var/lib/mam && chown mam /var/lib/mam
COPY --from=build /out /opt/mam
USER mam
WORKDIR /var/lib/mam
