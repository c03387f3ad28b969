import { useEffect, useRef, useState } from "preact/hooks";
import { data, type ActionRef } from "./api";
import { useFollow } from "./streams";


/**
 * One attempt's log, tailed while the attempt runs (DataProxyService.TailLogs). `attempt` is the attempt as
 * ActionDetails numbers it; TailLogs counts from 1 (docs/console.md).
 */
export function Logs({ actionId, attempt }: { actionId: ActionRef; attempt: number }) {
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const bottom = useRef<HTMLPreElement>(null);

  useFollow(`${actionId.run?.name}/${actionId.name}/${attempt}`, async (signal) => {
    const received: string[] = [];
    for await (const response of data.tailLogs({ actionId, attempt: attempt + 1 }, { signal })) {
      for (const batch of response.logs) {
        received.push(...batch.lines.map((line) => line.message));
      }
      setLines([...received]);
    }
    setDone(true);
  }, setError);

  useEffect(() => {
    const pre = bottom.current;
    if (pre !== null) {
      pre.scrollTop = pre.scrollHeight;
    }
  }, [lines.length]);

  if (error !== undefined && lines.length === 0) {
    return <p class="none">{error}</p>;
  }
  return (
    <pre class="logs" ref={bottom} data-testid="logs">
      {lines.join("\n")}
      {!done && <span class="tailing">{lines.length === 0 ? "waiting for output…" : ""}</span>}
    </pre>
  );
}
