// debrief workbench: the one script the served pages load (static, never built from data).
// A click on a bar, point or slice of a chart follows the link of the matching row in the
// chart's data table (the SVG carries ECharts' series/data indexes; the rows carry the same).
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[ecmeta_data_index]') : null;
  const section = target?.closest('section[data-visual]');
  if (!target || !section) return;
  const d = target.getAttribute('ecmeta_data_index');
  const s = target.getAttribute('ecmeta_series_index');
  const row =
    section.querySelector(`tr[data-d="${CSS.escape(d)}"][data-s="${CSS.escape(s ?? '')}"]`) ??
    section.querySelector(`tr[data-d="${CSS.escape(d)}"]:not([data-s])`);
  const link = row?.querySelector('a[href]');
  if (link) window.location.assign(link.getAttribute('href'));
});

// Filter forms: leave empty fields out of the URL, so it stays short and shareable.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('filters')) return;
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value !== '') params.append(name, String(value));
  const query = params.toString();
  window.location.assign(form.getAttribute('action') + (query ? `?${query}` : ''));
});
