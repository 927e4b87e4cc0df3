import { describe, expect, it } from 'vitest';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { noFilterChoices } from '../helpers/filter-choices.js';

const data = (quarantined: number) => ({
  views: {},
  kpis: { calls: 2 },
  quarantined,
  recentCalls: [],
  generatedAt: 'now',
  filters: { from: '2026-12-01', topic: 'billing' },
});

const kpis = (html: string) =>
  html.slice(
    html.indexOf('<div class="kpis">'),
    html.indexOf('</div></div></div>') + '</div></div></div>'.length,
  );

describe('the quarantined headline figure (found by trial18: an ops person saw a count and no way to the calls)', () => {
  it('served, it links to the call list of the quarantined calls under the same filters, where each reason is', () => {
    // Act
    const served = renderDashboardHtml(data(2), { served: { choices: noFilterChoices } });
    const none = renderDashboardHtml(data(0), { served: { choices: noFilterChoices } });
    const file = renderDashboardHtml(data(2));
    // Assess: a link only where there is something to list and a call list to list it
    expect(kpis(served)).toContain(
      '<div class="value">2</div><div class="label"><a href="/calls?from=2026-12-01&amp;topic=billing&amp;status=quarantined">quarantined</a></div>',
    );
    expect(kpis(none)).toContain('<div class="value">0</div><div class="label">quarantined</div>');
    expect(kpis(file)).toContain('<div class="value">2</div><div class="label">quarantined</div>');
  });
});
