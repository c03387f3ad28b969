// Builds the console into one folder (argument 1, default dist/): type-checks src/ with tsc, bundles src/main.tsx
// with esbuild into console.js, and copies index.html and console.css. Nothing is fetched at run time: the devbox
// serves these files from its own assembly (docs/console.md).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "dist"));
mkdirSync(out, { recursive: true });

try {
  execFileSync(process.execPath, [join(here, "node_modules", "typescript", "bin", "tsc"), "--project", join(here, "tsconfig.json")], { stdio: "inherit" });
} catch {
  console.error("console: the type check failed (tsc's errors above); fix them and build again");
  process.exit(1);
}

await build({
  entryPoints: [join(here, "src", "main.tsx")],
  outfile: join(out, "console.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(out, "index.html"));
copyFileSync(join(here, "src", "console.css"), join(out, "console.css"));
