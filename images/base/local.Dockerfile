# The base task image as tools/containers/start.sh builds it on a machine that cannot pull images:
# a Debian 12 minbase root (debootstrap, with ICU, OpenSSL, CA certificates and time zones) plus the machine's .NET runtime and a0. The context
# holds dotnet/ (the muxer, host/ and one Microsoft.NETCore.App) and a0/ (a0 published framework-dependent).
# No RUN step: it builds without a network.
ARG BASE
FROM ${BASE}
COPY dotnet/ /usr/share/dotnet/
COPY a0/ /opt/flyte/a0/
ENV DOTNET_ROOT=/usr/share/dotnet \
    PATH=/opt/flyte/a0:/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /home/flyte
