# Source this before `dotnet test` to run the suite as a developer whose machine is full of Flyte and cloud settings:
# a home folder with a ~/.flyte/config.yaml, a config at the repository's root, and FLYTE_*, AWS_*, Azure and Google
# variables, all naming endpoints that do not answer (a closed port on 127.0.0.1). A hermetic test reads none of them.
# .ci/run sources it, so every CI run proves it. Usage: source tools/test-environment/hostile.sh
# shellcheck shell=bash

_hostile_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
_hostile_root=$(mktemp -d "${TMPDIR:-/tmp}/flyte-hostile.XXXXXX")
_hostile_endpoint=127.0.0.1:9

# dotnet and npm keep their caches where they were: the packages are not what is under test.
export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}
export npm_config_cache=${npm_config_cache:-$HOME/.npm}
export HOME=$_hostile_root/home

_hostile_config() {
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<YAML
# Written by tools/test-environment/hostile.sh: no test may read this file.
admin:
  endpoint: dns:///$_hostile_endpoint
  insecure: true
  authType: ClientSecret
  clientId: hostile-client
task:
  org: hostile-org
  project: hostile-project
  domain: hostile-domain
image:
  registry: $_hostile_endpoint/hostile
  builder: hostile-builder
storage:
  endpoint: http://$_hostile_endpoint
  region: eu-hostile-1
YAML
}
_hostile_config "$HOME/.flyte/config.yaml"
# The search finds <git root>/.flyte/config.yaml before the home folder's; git ignores it (.gitignore).
_hostile_config "$_hostile_repo/.flyte/config.yaml"

# A FLYTE_HOME under a regular file: nothing can be created there.
: >"$_hostile_root/not-a-folder"
export FLYTE_HOME=$_hostile_root/not-a-folder/flyte-home
export FLYTE_ADMIN_ENDPOINT=dns:///$_hostile_endpoint
export FLYTE_ADMIN_INSECURE=true
export FLYTE_TASK_PROJECT=hostile-project
export FLYTE_TASK_DOMAIN=hostile-domain
export FLYTE_API_KEY=hostile-api-key
export FLYTE_CLIENT_SECRET=hostile-secret
export FLYTE_TOKEN_CACHE_DIR=$_hostile_root/not-a-folder/tokens
export FLYTE_AWS_ENDPOINT=http://$_hostile_endpoint
export FLYTE_AWS_ACCESS_KEY_ID=hostile-key
export FLYTE_AWS_SECRET_ACCESS_KEY=hostile-secret
export FLYTE_INTERNAL_EXECUTION_PROJECT=hostile-project
export FLYTE_INTERNAL_EXECUTION_DOMAIN=hostile-domain
export AWS_ENDPOINT_URL=http://$_hostile_endpoint
export AWS_ACCESS_KEY_ID=hostile-key
export AWS_SECRET_ACCESS_KEY=hostile-secret
export AWS_SESSION_TOKEN=hostile-token
export AWS_REGION=eu-hostile-1
export AWS_DEFAULT_REGION=eu-hostile-1
export AWS_PROFILE=hostile-profile-that-does-not-exist
# Still no test may reach beyond loopback: the AWS SDK must never ask the EC2 metadata address.
export AWS_EC2_METADATA_DISABLED=true
export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=hostile;AccountKey=aG9zdGlsZQ==;BlobEndpoint=http://$_hostile_endpoint/hostile;"
export GOOGLE_APPLICATION_CREDENTIALS=$_hostile_root/not-a-folder/credentials.json

echo "hostile test environment: HOME=$HOME, $_hostile_repo/.flyte/config.yaml, FLYTE_*/AWS_* naming $_hostile_endpoint" >&2
unset -f _hostile_config
