import { useState } from "preact/hooks";
import type { Action } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";
import { ActionPhase } from "@flyteorg/flyteidl2/flyteidl2/common/phase_pb";
import { runs as runService, org } from "./api";
import { cacheLabel, isTerminal, phaseClass, phaseLabel } from "./phases";
import { elapsed } from "./time";
import { navigate, runPath, runsPath } from "./routes";
import { messageOf, useFollow, useNow } from "./streams";
import { treeRows } from "./tree";
import { taskNameOf } from "./names";
import { ActionPanel } from "./ActionPanel";

const rootAction = "a0";

/** One run: its action tree, kept current by WatchActions, and the selected action's details beside it. */
export function RunPage({ project, domain, run, action }: { project: string; domain: string; run: string; action?: string }) {
  const [actions, setActions] = useState<Map<string, Action>>(new Map());
  const [error, setError] = useState<string>();
  const [aborting, setAborting] = useState(false);
  const now = useNow();
  const runId = { org, project, domain, name: run };
  const selected = action ?? rootAction;

  useFollow(`${project}/${domain}/${run}`, async (signal) => {
    const seen = new Map<string, Action>();
    for await (const response of runService.watchActions({ runId }, { signal })) {
      for (const enriched of response.enrichedActions) {
        if (enriched.action?.id) {
          seen.set(enriched.action.id.name, enriched.action);
        }
      }
      setError(undefined);
      setActions(new Map(seen));
    }
  }, setError);

  const root = actions.get(rootAction);
  const rootPhase = root?.status?.phase ?? ActionPhase.UNSPECIFIED;

  const abort = async () => {
    setAborting(true);
    try {
      await runService.abortRun({ runId });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setAborting(false);
    }
  };

  return (
    <section>
      <p class="crumbs">
        <a href={runsPath(project, domain)} onClick={(event) => { event.preventDefault(); navigate(runsPath(project, domain)); }}>
          Runs {project} / {domain}
        </a>
      </p>
      <h1>
        Run <span class="run-name">{run}</span>{" "}
        {root && <span class={phaseClass(rootPhase)} data-testid="run-phase">{phaseLabel(rootPhase)}</span>}{" "}
        {root && <span class="duration">{elapsed(root.status?.startTime, root.status?.endTime, now)}</span>}
        {root && !isTerminal(rootPhase) && (
          <button class="abort" onClick={abort} disabled={aborting}>{aborting ? "Aborting…" : "Abort run"}</button>
        )}
      </h1>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="run">
        <ol class="tree" aria-label="Actions">
          {treeRows(actions, rootAction).map((row) =>
            row.kind === "group" ? (
              <li class="group" style={{ paddingLeft: `${row.depth * 1.25}rem` }} data-group={row.name}>
                <span class="group-name">{row.name}</span> <GroupCounts members={row.members} />
              </li>
            ) : (
              <li class={row.action.id!.name === selected ? "node selected" : "node"} style={{ paddingLeft: `${row.depth * 1.25}rem` }}
                data-action={row.action.id!.name}>
                <a href={runPath(project, domain, run, row.action.id!.name)}
                  onClick={(event) => { event.preventDefault(); navigate(runPath(project, domain, run, row.action.id!.name)); }}>
                  <span class={phaseClass(row.action.status?.phase ?? ActionPhase.UNSPECIFIED)}>{phaseLabel(row.action.status?.phase ?? ActionPhase.UNSPECIFIED)}</span>{" "}
                  <span class="node-task">{taskNameOf(row.action)}</span> <span class="action-id">{row.action.id!.name}</span>
                </a>
                <span class="facts">
                  <span class="duration">{elapsed(row.action.status?.startTime, row.action.status?.endTime, now)}</span>
                  {(row.action.status?.attempts ?? 0) > 1 && <span class="attempts">{row.action.status!.attempts} attempts</span>}
                  {cacheLabel(row.action.status?.cacheStatus ?? 0) && <span class="cache">{cacheLabel(row.action.status!.cacheStatus)}</span>}
                </span>
              </li>
            ),
          )}
        </ol>
        {actions.has(selected) && <ActionPanel key={selected} runId={runId} name={selected} summary={actions.get(selected)!} />}
      </div>
    </section>
  );
}

function GroupCounts({ members }: { members: Action[] }) {
  const done = members.filter((member) => isTerminal(member.status?.phase ?? ActionPhase.UNSPECIFIED)).length;
  const failed = members.filter((member) => member.status?.phase === ActionPhase.FAILED).length;
  return (
    <span class="facts">
      {done} of {members.length} done{failed > 0 ? `, ${failed} failed` : ""}
    </span>
  );
}
