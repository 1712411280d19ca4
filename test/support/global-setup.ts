import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  project.provide("zendeskOrigin", "http://127.0.0.1:1");
  project.provide("modelOrigin", "http://127.0.0.1:1");
}
