// The console's addresses are those of Flyte's own UI, so the link `flyte run` prints has one shape everywhere:
// /v2/runs/project/<project>/domain/<domain>[/<run>] (flyte-sdk's get_run_url).

export type Route =
  | { page: "runs"; project: string; domain: string }
  | { page: "run"; project: string; domain: string; run: string; action?: string };

export const defaultProject = "flytesnacks";
export const defaultDomain = "development";

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split("/").filter((part) => part.length > 0).map(decodeURIComponent);
  if (parts[0] === "v2" && parts[1] === "runs" && parts[2] === "project" && parts[4] === "domain" && parts[3] && parts[5]) {
    if (parts[6]) {
      const action = new URLSearchParams(search).get("action") ?? undefined;
      return { page: "run", project: parts[3], domain: parts[5], run: parts[6], action };
    }
    return { page: "runs", project: parts[3], domain: parts[5] };
  }
  return { page: "runs", project: defaultProject, domain: defaultDomain };
}

export function runsPath(project: string, domain: string): string {
  return `/v2/runs/project/${encodeURIComponent(project)}/domain/${encodeURIComponent(domain)}`;
}

export function runPath(project: string, domain: string, run: string, action?: string): string {
  const path = `${runsPath(project, domain)}/${encodeURIComponent(run)}`;
  return action === undefined ? path : `${path}?action=${encodeURIComponent(action)}`;
}

/** Moves to another page of the console without reloading it. */
export function navigate(path: string): void {
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}
