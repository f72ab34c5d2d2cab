// Copy the files the templates use from node_modules into static/vendor (git-ignored), so Django's
// staticfiles serves and fingerprints them like our own. The versions are pinned in package.json/lock.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const files = {
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  "@picocss/pico/css/pico.min.css": "pico/pico.min.css",
  "sortablejs/Sortable.min.js": "sortablejs/Sortable.min.js",
};

for (const [source, target] of Object.entries(files)) {
  const destination = join("static", "vendor", target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(join("node_modules", source), destination);
}
for (const name of ["htmx.org", "@picocss/pico", "sortablejs"]) {
  const { version, license } = JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8"));
  console.log(`vendored ${name}@${version} (${license})`);
}
