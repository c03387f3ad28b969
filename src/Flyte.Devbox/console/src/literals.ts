// Flyte literals as a person reads them: numbers, text, lists and maps as JSON, records (msgpack binaries) decoded,
// files and data frames by their location.
import { decode } from "@msgpack/msgpack";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Literal, Scalar } from "@flyteorg/flyteidl2/flyteidl2/core/literals_pb";

/** One value, as pretty-printed JSON (except a lone string or file, shown as it is). */
export function readable(literal: Literal): string {
  const value = valueOf(literal);
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (value instanceof Reference) {
    return value.toString();
  }
  return JSON.stringify(value, replacer, 2);
}

/** Something stored elsewhere (a file, a directory, a data frame, an offloaded value): its kind and location. */
class Reference {
  constructor(readonly kind: string, readonly uri: string) {}
  toString(): string {
    return `${this.kind} ${this.uri}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (value instanceof Uint8Array) {
    return `<${value.length} bytes>`;
  }
  return value;
}

function valueOf(literal: Literal): unknown {
  switch (literal.value.case) {
    case "scalar":
      return scalarOf(literal.value.value);
    case "collection":
      return literal.value.value.literals.map(valueOf);
    case "map":
      return Object.fromEntries(Object.entries(literal.value.value.literals).map(([key, item]) => [key, valueOf(item)]));
    case "offloadedMetadata":
      return new Reference("offloaded value", literal.value.value.uri);
    default:
      return null;
  }
}

function scalarOf(scalar: Scalar): unknown {
  const value = scalar.value;
  switch (value.case) {
    case "primitive": {
      const primitive = value.value.value;
      switch (primitive.case) {
        case "datetime":
          return timestampDate(primitive.value).toISOString();
        case "duration":
          return `${Number(primitive.value.seconds) + primitive.value.nanos / 1e9} s`;
        default:
          return primitive.value ?? null;
      }
    }
    case "binary":
      return value.value.tag === "msgpack" ? decode(value.value.value, { useBigInt64: true }) : value.value.value;
    case "blob":
      return new Reference(value.value.metadata?.type?.dimensionality === 1 ? "directory" : "file", value.value.uri);
    case "structuredDataset":
      return new Reference("data frame", value.value.uri);
    case "schema":
      return new Reference("schema", value.value.uri);
    case "noneType":
      return null;
    case "error":
      return { error: value.value.message, failedNode: value.value.failedNodeId };
    case "generic":
      return value.value;
    case "union":
      return value.value.value === undefined ? null : valueOf(value.value.value);
    default:
      return null;
  }
}

