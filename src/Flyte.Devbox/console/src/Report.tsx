import { useEffect, useState } from "preact/hooks";
import { ConnectError, Code } from "@connectrpc/connect";
import { ArtifactType } from "@flyteorg/flyteidl2/flyteidl2/dataproxy/dataproxy_service_pb";
import { data, type ActionRef } from "./api";
import { messageOf } from "./streams";


/**
 * The HTML report an attempt wrote (docs/reports.md): fetched from its download link and shown in a frame sandboxed to
 * a unique origin with no scripts, so a report can never act as the console (the storage URL itself serves it as a
 * download, never as a page of the devbox's origin).
 */
export function Report({ actionId, attempt, attemptEnded }: { actionId: ActionRef; attempt: number; attemptEnded: boolean }) {
  const [url, setUrl] = useState<string>();
  const [html, setHtml] = useState<string>();
  const [note, setNote] = useState<string>();

  useEffect(() => {
    if (!attemptEnded) {
      setNote("written when the attempt ends");
      return;
    }
    let current = true;
    const load = async () => {
      const response = await data.createDownloadLink({
        artifactType: ArtifactType.REPORT,
        source: { case: "actionAttemptId", value: { actionId, attempt } },
      });
      const link = response.preSignedUrls?.signedUrl[0];
      if (link === undefined) {
        return { note: "this attempt wrote no report" };
      }
      const page = await fetch(link);
      if (!page.ok) {
        return { note: `the report's download link answered HTTP ${page.status}` };
      }
      return { link, html: await page.text() };
    };
    load().then(
      (loaded) => {
        if (current) {
          setNote(loaded.note);
          setUrl(loaded.link);
          setHtml(loaded.html);
        }
      },
      (failure: unknown) => {
        if (current) {
          setNote(failure instanceof ConnectError && failure.code === Code.NotFound ? "this attempt wrote no report" : messageOf(failure));
        }
      },
    );
    return () => { current = false; };
  }, [attemptEnded]);

  if (url === undefined || html === undefined) {
    return <p class="none">{note ?? "loading…"}</p>;
  }
  return (
    <div class="report">
      <p><a href={url} download="report.html">Download the report</a></p>
      <iframe title="Report" srcdoc={html} sandbox=""></iframe>
    </div>
  );
}
