// Validates rendered Kubernetes manifests (multi-document YAML files, e.g. `kubectl kustomize`
// output) offline:
//  1. every built-in object against the OpenAPI schema of its kind in Kubernetes 1.33.0, from
//     kubernetes-models 4.5.1 (pinned in package.json);
//  2. custom resources (ECK Elasticsearch and Kibana, Agones Fleet and FleetAutoscaler) against
//     the OpenAPI schemas of their CustomResourceDefinitions at the pinned operator versions,
//     vendored in crds/ (crds/README.md says from where);
//  3. Skirmish's own rules: every Deployment's containers have readiness and liveness probes,
//     resource requests and limits; every HPA and PDB points at a workload that exists; every
//     ConfigMap a pod reads exists.
// Usage: node validate.mjs <rendered.yaml>...   Exit status 0 valid, 1 invalid, 2 usage.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";

const CRD_SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), "crds");
// Kubernetes' OpenAPI dialect: x-kubernetes-* keywords and formats (int32, quantity, ...) that
// the API server, not JSON Schema, gives meaning to.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const customValidators = new Map();

/** OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema draft 7 as numbers. */
function toDraft7(node) {
  if (Array.isArray(node)) return node.map(toDraft7);
  if (!node || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toDraft7(v)]));
  for (const [exclusive, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]]) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) {
      delete out[exclusive];
    }
  }
  return out;
}

/** The validator of a custom resource's kind and version, or undefined when no CRD schema is vendored. */
function customResourceValidator(apiVersion, kind) {
  const [group, version] = apiVersion.split("/");
  const file = join(CRD_SCHEMAS, `${group}_${kind}_${version}.json`);
  if (!customValidators.has(file)) {
    customValidators.set(file, existsSync(file) ? ajv.compile(toDraft7(JSON.parse(readFileSync(file, "utf8")))) : undefined);
  }
  return customValidators.get(file);
}

async function modelFor(apiVersion, kind) {
  const path = apiVersion.includes("/") ? apiVersion : `v1`;
  try {
    const module = await import(`kubernetes-models/${path}/${kind}`);
    return module[kind];
  } catch (e) {
    if (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      return undefined;
    }
    throw e;
  }
}

function containersOf(doc) {
  return doc.spec?.template?.spec?.containers ?? [];
}

function policyProblems(docs) {
  const problems = [];
  const byKind = (kind) => docs.filter((d) => d.kind === kind);
  const workloads = new Map(byKind("Deployment").map((d) => [d.metadata.name, d]));
  const configMaps = new Set(byKind("ConfigMap").map((d) => d.metadata.name));
  for (const deployment of workloads.values()) {
    for (const c of containersOf(deployment)) {
      const where = `Deployment ${deployment.metadata.name}, container ${c.name}`;
      if (!c.readinessProbe) problems.push(`${where}: no readinessProbe`);
      if (!c.livenessProbe) problems.push(`${where}: no livenessProbe`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) problems.push(`${where}: no cpu/memory requests`);
      if (!c.resources?.limits?.memory) problems.push(`${where}: no memory limit`);
      for (const env of c.env ?? []) {
        const ref = env.valueFrom?.configMapKeyRef;
        if (ref && !configMaps.has(ref.name)) problems.push(`${where}: reads missing ConfigMap ${ref.name}`);
      }
    }
    const labels = deployment.spec.template.metadata?.labels ?? {};
    const covered = byKind("PodDisruptionBudget").some((pdb) =>
      Object.entries(pdb.spec.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v));
    if (!covered) problems.push(`Deployment ${deployment.metadata.name}: no PodDisruptionBudget selects its pods`);
  }
  for (const hpa of byKind("HorizontalPodAutoscaler")) {
    const target = hpa.spec.scaleTargetRef;
    if (target.kind !== "Deployment" || !workloads.has(target.name)) {
      problems.push(`HorizontalPodAutoscaler ${hpa.metadata.name}: target ${target.kind}/${target.name} does not exist`);
    }
  }
  return problems;
}

async function validateFile(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((d) => d);
  const problems = [];
  const custom = [];
  for (const doc of docs) {
    const name = `${doc.kind} ${doc.metadata?.name}`;
    if (!doc.apiVersion || !doc.kind) {
      problems.push(`${name}: no apiVersion or kind`);
      continue;
    }
    const Model = await modelFor(doc.apiVersion, doc.kind);
    if (!Model) {
      const validateCustom = customResourceValidator(doc.apiVersion, doc.kind);
      if (!validateCustom) {
        problems.push(`${name}: ${doc.apiVersion} ${doc.kind} is neither a kind of the pinned Kubernetes API nor a vendored CRD`);
      } else if (!validateCustom(doc)) {
        problems.push(`${name}: ${ajv.errorsText(validateCustom.errors, { dataVar: doc.kind })}`);
      }
      custom.push(`${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    if (doc.kind === "Secret" && doc.data) {
      // kustomize wraps long base64 values over lines; the API server's decoder skips line breaks.
      doc.data = Object.fromEntries(Object.entries(doc.data).map(([k, v]) => [k, String(v).replace(/\s+/g, "")]));
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
    }
  }
  problems.push(...policyProblems(docs));
  console.log(`${file}: ${docs.length} objects, ${docs.length - custom.length} against the Kubernetes schemas`
      + (custom.length ? `, ${custom.length} against their CRD schemas (${[...new Set(custom)].join(", ")})` : ""));
  for (const p of problems) console.log(`  INVALID ${p}`);
  return problems.length;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs <rendered.yaml>...");
  process.exit(2);
}
let invalid = 0;
for (const file of files) invalid += await validateFile(file);
process.exit(invalid === 0 ? 0 : 1);
