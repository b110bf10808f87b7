// Runs the engine tests and the shared transform vectors, then publishes the results for
// EngineInBrowserTest (body[data-done] and #results as JSON).
import { engineTests } from './engine-tests.js';
import { vectorTests } from './vectors.js';
import { runTests } from './harness.js';

const results = [];
try {
  results.push(...await runTests(engineTests));
  results.push(...await runTests(await vectorTests()));
} catch (e) {
  results.push({ name: 'harness', ok: false, error: String(e?.stack ?? e) });
}
const failed = results.filter(r => !r.ok).length;
document.getElementById('summary').textContent = `${results.length - failed} passed, ${failed} failed`;
document.getElementById('results').textContent = JSON.stringify(results, null, 1);
document.body.dataset.done = 'true';
