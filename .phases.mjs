const t0 = performance.now();
const { buildAnthology } = await import('./dist/index.js');
const t1 = performance.now();
let last = '', lastT = t1; const rows = [];
const mark = (k) => { const t = performance.now(); rows.push([last, (t - lastT).toFixed(0)]); last = k; lastT = t; };
last = 'open+start';
await buildAnthology({ input: process.argv[2], out: process.argv[3], cache: process.argv[4] === 'cache', sourceDateEpoch: 0, formats: (process.argv[5] || 'epub').split(','),
  onProgress: (p) => { const k = p.phase + ' ' + (p.format ?? ''); if (k !== last) mark(k); } });
mark('end');
console.log('import', (t1 - t0).toFixed(0), rows.map(([k, v]) => `${k}: ${v}`).join(' | '), 'total', (performance.now() - t0).toFixed(0));
