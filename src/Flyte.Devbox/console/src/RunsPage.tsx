import { useState } from "preact/hooks";
import type { Action } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";
import { ActionPhase } from "@flyteorg/flyteidl2/flyteidl2/common/phase_pb";
import { runs as runService, org } from "./api";
import { filterablePhases, phaseClass, phaseLabel } from "./phases";
import { elapsed, dateOf, formatTime } from "./time";
import { navigate, runPath } from "./routes";
import { useFollow, useNow } from "./streams";
import { taskNameOf } from "./names";

/** The runs of one project and domain, newest first, kept current by WatchRuns; filtered by phase and task. */
export function RunsPage({ project, domain }: { project: string; domain: string }) {
  const [runs, setRuns] = useState<Map<string, Action>>(new Map());
  const [error, setError] = useState<string>();
  const [phase, setPhase] = useState<ActionPhase | undefined>(undefined);
  const [task, setTask] = useState<string>("");
  const now = useNow();

  useFollow(`${project}/${domain}`, async (signal) => {
    const projectId = { organization: org, name: project, domain };
    const seen = new Map<string, Action>();
    const show = () => setRuns(new Map(seen));
    // Watch first, then list: a run that changes between the two is not missed, and the watch's newer state wins.
    const watching = (async () => {
      for await (const response of runService.watchRuns({ target: { case: "projectId", value: projectId } }, { signal })) {
        for (const run of response.runs) {
          if (run.action?.id?.run) {
            seen.set(run.action.id.run.name, run.action);
          }
        }
        show();
      }
    })();
    const listed = await runService.listRuns({ scopeBy: { case: "projectId", value: projectId }, request: { limit: 200 } }, { signal });
    for (const run of listed.runs) {
      if (run.action?.id?.run && !seen.has(run.action.id.run.name)) {
        seen.set(run.action.id.run.name, run.action);
      }
    }
    setError(undefined);
    show();
    await watching;
  }, setError);

  const all = [...runs.values()].sort((a, b) => startOf(b) - startOf(a));
  const tasks = [...new Set(all.map(taskNameOf))].sort();
  const shown = all.filter((run) => (phase === undefined || run.status?.phase === phase) && (task === "" || taskNameOf(run) === task));

  return (
    <section>
      <h1>
        Runs <span class="scope">{project} / {domain}</span>
      </h1>
      <div class="filters">
        <label>
          Phase{" "}
          <select aria-label="Phase" value={phase === undefined ? "" : String(phase)}
            onChange={(event) => setPhase(event.currentTarget.value === "" ? undefined : (Number(event.currentTarget.value) as ActionPhase))}>
            <option value="">all</option>
            {filterablePhases.map((p) => (
              <option value={String(p)}>{phaseLabel(p)}</option>
            ))}
          </select>
        </label>
        <label>
          Task{" "}
          <select aria-label="Task" value={task} onChange={(event) => setTask(event.currentTarget.value)}>
            <option value="">all</option>
            {tasks.map((name) => (
              <option value={name}>{name}</option>
            ))}
          </select>
        </label>
        <span class="count">{shown.length === all.length ? `${all.length} runs` : `${shown.length} of ${all.length} runs`}</span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Task</th>
            <th>Phase</th>
            <th>Started</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((run) => {
            const name = run.id!.run!.name;
            const path = runPath(project, domain, name);
            return (
              <tr key={name} data-run={name}>
                <td>
                  <a href={path} onClick={(event) => { event.preventDefault(); navigate(path); }}>{name}</a>
                </td>
                <td>{taskNameOf(run)}</td>
                <td><span class={phaseClass(run.status?.phase ?? ActionPhase.UNSPECIFIED)}>{phaseLabel(run.status?.phase ?? ActionPhase.UNSPECIFIED)}</span></td>
                <td>{formatTime(run.status?.startTime)}</td>
                <td>{elapsed(run.status?.startTime, run.status?.endTime, now)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {all.length === 0 && !error && <p class="empty">No runs yet. Start one with <code>flyte run</code>.</p>}
    </section>
  );
}

function startOf(action: Action): number {
  return dateOf(action.status?.startTime)?.getTime() ?? Number.MAX_SAFE_INTEGER;
}
