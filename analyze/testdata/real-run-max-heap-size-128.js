// Handwritten probe: a steady leak of small records (~4 MB/s) with churn, for --max-heap-size.
const keep = [];
setInterval(() => {
  for (let i = 0; i < 4000; i++) keep.push({ id: i, s: 'rec-' + i + '-' + Date.now() });
  let t = []; for (let i = 0; i < 20000; i++) t.push({ i }); // churn
}, 20);
