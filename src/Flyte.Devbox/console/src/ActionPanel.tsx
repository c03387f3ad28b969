import { useEffect, useState } from "preact/hooks";
import type { Action, ActionDetails } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";
import { ErrorInfo_Kind } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";
import type { NamedLiteral } from "@flyteorg/flyteidl2/flyteidl2/task/common_pb";
import { ActionPhase } from "@flyteorg/flyteidl2/flyteidl2/common/phase_pb";
import { ActionType } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";
import { runs as runService, data, type RunRef } from "./api";
import { cacheLabel, isTerminal, phaseClass, phaseLabel } from "./phases";
import { elapsed, formatTime } from "./time";
import { messageOf, useFollow, useNow } from "./streams";
import { readable } from "./literals";
import { taskNameOf } from "./names";
import { Logs } from "./Logs";
import { Report } from "./Report";


/** The selected action: phase, attempts and their errors, inputs and outputs, logs, report, and abort. */
export function ActionPanel({ runId, name, summary }: { runId: RunRef & { name: string }; name: string; summary: Action }) {
  const [details, setDetails] = useState<ActionDetails>();
  const [error, setError] = useState<string>();
  const [inputs, setInputs] = useState<NamedLiteral[]>();
  const [outputs, setOutputs] = useState<NamedLiteral[]>();
  const [attempt, setAttempt] = useState<number>();
  const now = useNow();
  const actionId = { run: runId, name };
  const phase = details?.status?.phase ?? summary.status?.phase ?? ActionPhase.UNSPECIFIED;
  const ended = isTerminal(phase);
  const isTrace = summary.metadata?.actionType === ActionType.TRACE;

  useFollow(`${runId.name}/${name}`, async (signal) => {
    for await (const response of runService.watchActionDetails({ actionId }, { signal })) {
      setDetails(response.details);
    }
  }, setError);

  // Inputs once the action exists; outputs again when it ends.
  useEffect(() => {
    let current = true;
    data.getActionData({ actionId }).then(
      (response) => {
        if (current) {
          setInputs(response.inputs?.literals ?? []);
          setOutputs(response.outputs?.literals);
        }
      },
      (failure) => current && setError(messageOf(failure)),
    );
    return () => { current = false; };
  }, [runId.name, name, ended]);

  const attempts = details?.attempts ?? [];
  const shownAttempt = attempt ?? attempts[attempts.length - 1]?.attempt;
  const abort = async () => {
    try {
      await runService.abortAction({ actionId, reason: "aborted from the console" });
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <aside class="panel" aria-label={`Action ${name}`}>
      <h2>
        <span class="node-task">{taskNameOf(summary)}</span> <span class="action-id">{name}</span>{" "}
        <span class={phaseClass(phase)}>{phaseLabel(phase)}</span>
        {!ended && name !== "a0" && <button class="abort" onClick={abort}>Abort action</button>}
      </h2>
      {error && <p class="error" role="alert">{error}</p>}
      {details?.result.case === "errorInfo" && (
        <p class="failure" data-testid="action-error">
          <strong>{details.result.value.kind === ErrorInfo_Kind.USER ? "User error" : "System error"}:</strong> {details.result.value.message}
        </p>
      )}
      {details?.result.case === "abortInfo" && <p class="failure">Aborted: {details.result.value.reason}</p>}

      <h3>Attempts</h3>
      <table class="attempts">
        <thead>
          <tr><th>#</th><th>Phase</th><th>Started</th><th>Duration</th><th>Cache</th></tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr data-attempt={a.attempt} class={a.attempt === shownAttempt ? "selected" : ""} onClick={() => setAttempt(a.attempt)}>
              <td>{a.attempt + 1}</td>
              <td><span class={phaseClass(a.phase)}>{phaseLabel(a.phase)}</span></td>
              <td>{formatTime(a.startTime)}</td>
              <td>{elapsed(a.startTime, a.endTime, now)}</td>
              <td>{cacheLabel(a.cacheStatus)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {attempts.filter((a) => a.errorInfo !== undefined).map((a) => (
        <div class="attempt-error" data-attempt-error={a.attempt}>
          <p>Attempt {a.attempt + 1} failed ({a.errorInfo!.kind === ErrorInfo_Kind.USER ? "user error" : "system error"}):</p>
          <pre>{a.errorInfo!.message}</pre>
        </div>
      ))}

      <h3>Inputs</h3>
      <Values values={inputs} none={inputs === undefined ? "loading…" : "no inputs"} />
      <h3>Outputs</h3>
      <Values values={ended ? outputs : undefined} none={ended ? "no outputs" : "not yet: the action has not ended"} />

      {!isTrace && shownAttempt !== undefined && (
        <>
          <h3>Logs <span class="which">attempt {shownAttempt + 1}</span></h3>
          <Logs key={`${name}/${shownAttempt}`} actionId={actionId} attempt={shownAttempt} />
          <h3>Report</h3>
          <Report key={`${name}/${shownAttempt}/${ended}`} actionId={actionId} attempt={shownAttempt}
            attemptEnded={attempts.find((a) => a.attempt === shownAttempt)?.endTime !== undefined} />
        </>
      )}
    </aside>
  );
}

function Values({ values, none }: { values: NamedLiteral[] | undefined; none: string }) {
  if (values === undefined || values.length === 0) {
    return <p class="none">{none}</p>;
  }
  return (
    <dl class="values">
      {values.map((value) => (
        <div class="value" data-name={value.name}>
          <dt>{value.name}</dt>
          <dd><pre>{value.value ? readable(value.value) : "null"}</pre></dd>
        </div>
      ))}
    </dl>
  );
}
