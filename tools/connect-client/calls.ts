// Calls one method of the devbox through Buf's Connect client (connect-es with connect-node) and prints what came back
// as one line of JSON, for tests/Flyte.Devbox.Tests/Connect:
//
//   node dist/calls.mjs <package.Service/Method> <base URL> <binary|json> [options]
//
//   --request-file <path>   the request message in protobuf's JSON mapping (default: the empty message)
//   --http <1.1|2>          the HTTP version (default 1.1; 2 is cleartext HTTP/2 with prior knowledge)
//   --token <jwt>           sent as "authorization: Bearer <jwt>"
//   --gzip                  compress the request with gzip, however small
//   --timeout-ms <n>        the call's timeout, as the client sets it (it sends Connect-Timeout-Ms and keeps the time itself too)
//   --header <name=value>   one more request header (repeatable), sent as it is
//
// Printed: {"messages":[...],"error":{"code":"not_found","message":"..."}} with the response messages (one for a unary
// call, each one of a stream) in protobuf's JSON mapping, and "error" only for a call that failed. The exit code is 0
// whenever the call was made, failed or not; 2 for a wrong command line.
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { compressionGzip, createConnectTransport } from "@connectrpc/connect-node";
import { createRegistry, fromJson, toJson, type DescFile, type DescMethod, type DescService, type JsonValue } from "@bufbuild/protobuf";
import { readFileSync } from "node:fs";
import { ActionsService } from "@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.ts";
import { AuthMetadataService } from "@flyteorg/flyteidl2/flyteidl2/auth/auth_service_pb.ts";
import { DataProxyService } from "@flyteorg/flyteidl2/flyteidl2/dataproxy/dataproxy_service_pb.ts";
import { ProjectService } from "@flyteorg/flyteidl2/flyteidl2/project/project_service_pb.ts";
import { SecretService } from "@flyteorg/flyteidl2/flyteidl2/secret/secret_pb.ts";
import { TaskService } from "@flyteorg/flyteidl2/flyteidl2/task/task_service_pb.ts";
import { TriggerService } from "@flyteorg/flyteidl2/flyteidl2/trigger/trigger_service_pb.ts";
import { QueueService } from "@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.ts";
import { RunService } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_service_pb.ts";
import { StateService } from "@flyteorg/flyteidl2/flyteidl2/workflow/state_service_pb.ts";

const services: DescService[] = [
  ActionsService, AuthMetadataService, DataProxyService, ProjectService, SecretService,
  TaskService, TriggerService, QueueService, RunService, StateService,
];

// Every file the services use, imports included, so that google.protobuf.Any resolves in JSON.
function withImports(files: DescFile[], seen = new Set<DescFile>()): DescFile[] {
  for (const file of files) {
    if (!seen.has(file)) {
      seen.add(file);
      withImports(file.dependencies, seen);
    }
  }
  return [...seen];
}
const registry = createRegistry(...withImports(services.map((service) => service.file)));

interface Options {
  procedure: string;
  baseUrl: string;
  binary: boolean;
  requestFile?: string;
  http: "1.1" | "2";
  token?: string;
  gzip: boolean;
  timeoutMs?: number;
  headers: [string, string][];
}

function usage(problem: string): never {
  process.stderr.write(`calls: ${problem}\nusage: calls <package.Service/Method> <base URL> <binary|json> [--request-file f] [--http 1.1|2] [--token t] [--gzip] [--timeout-ms n] [--header name=value]\n`);
  process.exit(2);
}

function parse(args: string[]): Options {
  const [procedure, baseUrl, codec, ...rest] = args;
  if (!procedure || !baseUrl || (codec !== "binary" && codec !== "json")) {
    usage("a procedure, a base URL and a codec (binary or json) are needed");
  }
  const options: Options = { procedure, baseUrl, binary: codec === "binary", http: "1.1", gzip: false, headers: [] };
  for (let i = 0; i < rest.length; i++) {
    const value = () => rest[++i] ?? usage(`${rest[i - 1]} needs a value`);
    switch (rest[i]) {
      case "--request-file": options.requestFile = value(); break;
      case "--http": {
        const version = value();
        if (version !== "1.1" && version !== "2") usage(`--http is 1.1 or 2, not ${version}`);
        options.http = version;
        break;
      }
      case "--token": options.token = value(); break;
      case "--gzip": options.gzip = true; break;
      case "--timeout-ms": options.timeoutMs = Number(value()); break;
      case "--header": {
        const header = value();
        const equals = header.indexOf("=");
        if (equals <= 0) usage(`--header takes name=value, not ${header}`);
        options.headers.push([header.slice(0, equals), header.slice(equals + 1)]);
        break;
      }
      default: usage(`unknown option ${rest[i]}`);
    }
  }
  return options;
}

function find(procedure: string): { service: DescService; method: DescMethod } {
  const [serviceName, methodName] = procedure.split("/");
  const service = services.find((candidate) => candidate.typeName === serviceName) ?? usage(`no service ${serviceName}`);
  const method = service.methods.find((candidate) => candidate.name === methodName) ?? usage(`${serviceName} has no method ${methodName}`);
  return { service, method };
}

// Code.NotFound is "NotFound" in the enum and "not_found" on the wire.
function codeName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const { service, method } = find(options.procedure);
  const transport = createConnectTransport({
    baseUrl: options.baseUrl,
    httpVersion: options.http,
    useBinaryFormat: options.binary,
    jsonOptions: { registry },
    sendCompression: options.gzip ? compressionGzip : undefined,
    compressMinBytes: 0,
  });
  const client = createClient(service, transport) as unknown as Record<string, (request: unknown, options: unknown) => unknown>;
  const requestJson: JsonValue = options.requestFile ? JSON.parse(readFileSync(options.requestFile, "utf8")) : {};
  const request = fromJson(method.input, requestJson, { registry });
  const headers = new Headers(options.headers);
  if (options.token) {
    headers.set("authorization", `Bearer ${options.token}`);
  }
  const callOptions = { headers, timeoutMs: options.timeoutMs };
  const messages: JsonValue[] = [];
  const outcome: { messages: JsonValue[]; error?: { code: string; message: string } } = { messages };
  try {
    if (method.methodKind === "unary") {
      const response = await client[method.localName](request, callOptions);
      messages.push(toJson(method.output, response as never, { registry }));
    } else if (method.methodKind === "server_streaming") {
      for await (const response of client[method.localName](request, callOptions) as AsyncIterable<unknown>) {
        messages.push(toJson(method.output, response as never, { registry }));
      }
    } else {
      usage(`${options.procedure} is ${method.methodKind}: calls makes unary and server-streaming calls only`);
    }
  } catch (error) {
    const connect = ConnectError.from(error);
    outcome.error = { code: codeName(connect.code), message: connect.rawMessage };
  }
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

await main();
