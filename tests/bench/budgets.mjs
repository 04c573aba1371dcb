// Speed and size budgets. `npm run bench` checks all of them; the size budget is deterministic,
// so `npm test` checks it too (tests/build/size.test.mjs). Never loosen one to make it pass.
export const BUDGETS = {
  gmailContentScriptGzipBytes: 12_000,
  timeToSidebarMsP95: 50,
  mutationStormMainThreadMs: 50,
  resolveContextMsP95: 2,
  coldWorkerFirstAnswerMs: 150,
  csvImport10kMs: 3_000,
  popupPaintMs: 100,
  accountsPageFirstPaintMs: 150,
};
