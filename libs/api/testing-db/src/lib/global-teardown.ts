export default async function globalTeardown(): Promise<void> {
  await globalThis.taskflowTestDatabase?.dispose();
  globalThis.taskflowTestDatabase = undefined;
}
