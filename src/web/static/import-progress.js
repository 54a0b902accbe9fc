// Progressive enhancement: keeps an import's progress up to date without reloading. Without it, "Refresh progress" works.
const panel = document.getElementById('import-progress');
if (panel && panel.dataset.live === 'true') {
  const id = panel.dataset.importId;
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  const format = (n) => Number(n).toLocaleString('en-GB');
  const tick = async () => {
    const response = await fetch(`/api/v1/imports/${id}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const run = await response.json();
    field('percent').textContent = run.percent;
    document.getElementById('progress-bar').value = run.percent;
    for (const key of ['read', 'new', 'changed', 'unchanged', 'rejected', 'ended', 'personsCreated']) field(key).textContent = format(run.counts[key]);
    if (run.status === 'running') field('message').textContent = 'Running.';
    if (['completed', 'failed', 'interrupted'].includes(run.status)) window.location.reload();
    else setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}
