// Writes the OpenAPI schema of each served version of each CustomResourceDefinition in the given
// YAML files to crds/<group>_<kind>_<version>.json, without its descriptions (they are most of
// the size and no part of validation). How the vendored schemas in this folder were made:
//   node crds/extract.mjs <crd.yaml>... (see crds/README.md for the upstream files and tags)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = new Set(process.env.CRD_KINDS ? process.env.CRD_KINDS.split(",") : []);

function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== "description")
        .map(([k, v]) => [k, withoutDescriptions(v)]));
  }
  return node;
}

for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = doc.toJS();
    if (crd?.kind !== "CustomResourceDefinition") continue;
    if (wanted.size > 0 && !wanted.has(crd.spec.names.kind)) continue;
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const out = join(here, `${crd.spec.group}_${crd.spec.names.kind}_${version.name}.json`);
      writeFileSync(out, JSON.stringify(withoutDescriptions(version.schema.openAPIV3Schema)) + "\n");
      console.log(out);
    }
  }
}
