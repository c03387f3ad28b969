import { ActionPhase } from "@flyteorg/flyteidl2/flyteidl2/common/phase_pb";
import { CatalogCacheStatus } from "@flyteorg/flyteidl2/flyteidl2/core/catalog_pb";

/** The phases a person can pick in the runs filter, in the order an action goes through them. */
export const filterablePhases: ActionPhase[] = [
  ActionPhase.QUEUED,
  ActionPhase.WAITING_FOR_RESOURCES,
  ActionPhase.INITIALIZING,
  ActionPhase.RUNNING,
  ActionPhase.SUCCEEDED,
  ActionPhase.FAILED,
  ActionPhase.ABORTED,
  ActionPhase.TIMED_OUT,
];

const labels: Record<number, string> = {
  [ActionPhase.UNSPECIFIED]: "Unknown",
  [ActionPhase.QUEUED]: "Queued",
  [ActionPhase.WAITING_FOR_RESOURCES]: "Waiting",
  [ActionPhase.INITIALIZING]: "Initializing",
  [ActionPhase.RUNNING]: "Running",
  [ActionPhase.SUCCEEDED]: "Succeeded",
  [ActionPhase.FAILED]: "Failed",
  [ActionPhase.ABORTED]: "Aborted",
  [ActionPhase.TIMED_OUT]: "Timed out",
  [ActionPhase.PAUSED]: "Paused",
};

export function phaseLabel(phase: ActionPhase): string {
  return labels[phase] ?? `Phase ${phase}`;
}

/** A CSS class per family of phases: the colour of the badge. */
export function phaseClass(phase: ActionPhase): string {
  switch (phase) {
    case ActionPhase.SUCCEEDED:
      return "phase ok";
    case ActionPhase.FAILED:
    case ActionPhase.TIMED_OUT:
      return "phase bad";
    case ActionPhase.ABORTED:
      return "phase aborted";
    case ActionPhase.RUNNING:
    case ActionPhase.INITIALIZING:
      return "phase busy";
    default:
      return "phase waiting";
  }
}

export function isTerminal(phase: ActionPhase): boolean {
  return phase === ActionPhase.SUCCEEDED || phase === ActionPhase.FAILED || phase === ActionPhase.ABORTED || phase === ActionPhase.TIMED_OUT;
}

/** "cache hit" and friends; empty when the action does not use the cache. */
export function cacheLabel(status: CatalogCacheStatus): string {
  switch (status) {
    case CatalogCacheStatus.CACHE_HIT:
      return "cache hit";
    case CatalogCacheStatus.CACHE_MISS:
      return "cache miss";
    case CatalogCacheStatus.CACHE_POPULATED:
      return "cached";
    case CatalogCacheStatus.CACHE_LOOKUP_FAILURE:
      return "cache lookup failed";
    case CatalogCacheStatus.CACHE_PUT_FAILURE:
      return "cache write failed";
    default:
      return "";
  }
}
