import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { parseRoute, type Route } from "./routes";
import { RunsPage } from "./RunsPage";
import { RunPage } from "./RunPage";

function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname, window.location.search));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.pathname, window.location.search));
    window.addEventListener("popstate", follow);
    return () => window.removeEventListener("popstate", follow);
  }, []);
  useEffect(() => {
    document.title = route.page === "run" ? `${route.run} · Flyte devbox` : `Runs · ${route.project}/${route.domain} · Flyte devbox`;
  }, [route]);

  return (
    <>
      <header class="top">
        <span class="brand">Flyte devbox</span>
      </header>
      <main>
        {route.page === "run" ? (
          <RunPage key={`${route.project}/${route.domain}/${route.run}`} project={route.project} domain={route.domain} run={route.run} action={route.action} />
        ) : (
          <RunsPage key={`${route.project}/${route.domain}`} project={route.project} domain={route.domain} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById("console")!);
