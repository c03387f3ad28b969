// The console talks to the devbox through the public Flyte 2 API only, over the Connect protocol (binary) from the
// page's own origin, as Flyte's own UI talks to its backend: the same services, messages and errors any other client
// sees (docs/console.md).
import type { MessageInitShape } from "@bufbuild/protobuf";
import { createClient, type Client } from "@connectrpc/connect";
import type { ActionIdentifierSchema, RunIdentifierSchema } from "@flyteorg/flyteidl2/flyteidl2/common/identifier_pb";
import { createConnectTransport } from "@connectrpc/connect-web";
import { RunService } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_service_pb";
import { DataProxyService } from "@flyteorg/flyteidl2/flyteidl2/dataproxy/dataproxy_service_pb";
import { ProjectService } from "@flyteorg/flyteidl2/flyteidl2/project/project_service_pb";

const transport = createConnectTransport({ baseUrl: window.location.origin, useBinaryFormat: true });

export const runs: Client<typeof RunService> = createClient(RunService, transport);
export const data: Client<typeof DataProxyService> = createClient(DataProxyService, transport);
export const projects: Client<typeof ProjectService> = createClient(ProjectService, transport);

/** The devbox's one organization: it has no tenants, so the empty name. */
export const org = "";

/** An action's id as the requests take it. */
export type ActionRef = MessageInitShape<typeof ActionIdentifierSchema>;
export type RunRef = MessageInitShape<typeof RunIdentifierSchema>;
