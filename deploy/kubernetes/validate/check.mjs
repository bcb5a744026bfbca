// Validates every manifest in a directory against the Kubernetes API's schemas (one model
// class per apiVersion and kind, each validating with the API's OpenAPI schema), and checks
// that the kustomization lists exactly the manifests there are. Exit status 1 on any error.
//   node check.mjs DIRECTORY
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const directory = process.argv[2] ?? "..";
const errors = [];
const manifests = readdirSync(directory).filter((name) => name.endsWith(".yaml") && name !== "kustomization.yaml");

async function modelClass(apiVersion, kind) {
  const module = await import(`kubernetes-models/${apiVersion}`).catch(() => undefined);
  return module?.[kind];
}

for (const name of manifests) {
  for (const document of parseAllDocuments(readFileSync(join(directory, name), "utf8"))) {
    if (document.errors.length > 0) {
      errors.push(`${name}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const manifest = document.toJS();
    const where = `${name}: ${manifest?.kind ?? "?"} ${manifest?.metadata?.name ?? "?"}`;
    const Model = await modelClass(manifest?.apiVersion, manifest?.kind);
    if (!Model) {
      errors.push(`${where}: no such apiVersion and kind: ${manifest?.apiVersion} ${manifest?.kind}`);
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(`valid   ${where}`);
    } catch (error) {
      errors.push(`${where}: ${error.message}`);
    }
  }
}

const kustomization = parseAllDocuments(readFileSync(join(directory, "kustomization.yaml"), "utf8"))[0].toJS();
const listed = new Set(kustomization.resources ?? []);
for (const name of manifests) {
  if (!listed.has(name)) errors.push(`kustomization.yaml does not list ${name}`);
}
for (const name of listed) {
  if (!manifests.includes(name)) errors.push(`kustomization.yaml lists ${name}, which does not exist`);
}

for (const error of errors) console.error(`invalid ${error}`);
process.exit(errors.length > 0 ? 1 : 0);
