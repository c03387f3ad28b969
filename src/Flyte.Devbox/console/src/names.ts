import type { Action } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";

/** The task an action runs ("quickstart.Square"), or the traced function's name for a trace. */
export function taskNameOf(action: Pick<Action, "metadata">): string {
  const metadata = action.metadata;
  if (metadata === undefined) {
    return "";
  }
  switch (metadata.spec.case) {
    case "task":
      return metadata.spec.value.id?.name ?? metadata.spec.value.shortName;
    case "trace":
      return metadata.spec.value.name;
    case "condition":
      return metadata.spec.value.name;
    default:
      return metadata.funtionName;
  }
}
