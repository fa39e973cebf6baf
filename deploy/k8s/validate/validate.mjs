// Validates rendered Kubernetes manifests (multi-document YAML files, e.g. `kubectl kustomize`
// output) offline:
//  1. every built-in object against the OpenAPI schema of its kind, from kubernetes-models (the
//     version pinned in package.json);
//  2. custom resources (ECK, Agones) are listed by kind: no schema for them is bundled here;
//  3. Skirmish's own rules: every Deployment's containers have readiness and liveness probes,
//     resource requests and limits; every HPA and PDB points at a workload that exists; every
//     ConfigMap a pod reads exists.
// Usage: node validate.mjs <rendered.yaml>...   Exit status 0 valid, 1 invalid, 2 usage.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CUSTOM_RESOURCE_GROUPS = new Set([
  "elasticsearch.k8s.elastic.co", "kibana.k8s.elastic.co", "agones.dev", "autoscaling.agones.dev",
]);

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
    const group = doc.apiVersion.includes("/") ? doc.apiVersion.split("/")[0] : "";
    if (CUSTOM_RESOURCE_GROUPS.has(group)) {
      custom.push(`${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    const Model = await modelFor(doc.apiVersion, doc.kind);
    if (!Model) {
      problems.push(`${name}: ${doc.apiVersion} ${doc.kind} is not a kind of the pinned Kubernetes API`);
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
  console.log(`${file}: ${docs.length} objects, ${docs.length - custom.length} checked against their schema`
      + (custom.length ? `; custom resources without a bundled schema: ${[...new Set(custom)].join(", ")}` : ""));
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
