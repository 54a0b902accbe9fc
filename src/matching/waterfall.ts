import type { Explanation } from './engine/explain.ts';

// A match explained as a waterfall: the prior, then each field adding or taking away weight, then the total.
// Drawn on the server as SVG, so it needs no JavaScript; the same facts are given in words beside it.

const rowHeight = 26;
const labelWidth = 260;
const chartWidth = 380;
const valueWidth = 60;
const top = 8;

const colours = { up: '#00703c', down: '#d4351c', neutral: '#505a5f', total: '#1d70b8' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)}`;
}

type Step = { label: string; from: number; to: number; kind: keyof typeof colours };

export function waterfallSteps(explanation: Explanation): Step[] {
  const steps: Step[] = [{ label: 'Prior (before any evidence)', from: 0, to: explanation.prior, kind: 'neutral' }];
  let running = explanation.prior;
  for (const field of explanation.fields) {
    if (field.level === 0) continue;
    steps.push({ label: field.label, from: running, to: running + field.weight, kind: field.weight >= 0 ? 'up' : 'down' });
    running += field.weight;
  }
  steps.push({ label: 'Total match weight', from: 0, to: explanation.totalWeight, kind: 'total' });
  return steps;
}

/** The chart as an SVG string; id keeps its title and description unique when a page shows several. */
export function waterfallSvg(explanation: Explanation, id: string, title = 'How the match weight adds up'): string {
  const steps = waterfallSteps(explanation);
  const values = steps.flatMap((step) => [step.from, step.to]);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const span = high - low || 1;
  const x = (value: number) => labelWidth + ((value - low) / span) * chartWidth;
  const height = top * 2 + steps.length * rowHeight;
  const width = labelWidth + chartWidth + valueWidth;
  const rows = steps.map((step, index) => {
    const y = top + index * rowHeight;
    const left = Math.min(x(step.from), x(step.to));
    const barWidth = Math.max(1.5, Math.abs(x(step.to) - x(step.from)));
    const amount = step.kind === 'total' || step.kind === 'neutral' ? signed(step.to) : signed(step.to - step.from);
    return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="14">${escapeXml(step.label)}</text>`
      + `<rect x="${left.toFixed(1)}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" fill="${colours[step.kind]}"/>`
      + `<text x="${labelWidth + chartWidth + 6}" y="${y + 17}" font-size="14">${amount}</text>`;
  });
  const zero = x(0).toFixed(1);
  const description = `${steps.map((step) => `${step.label} ${step.kind === 'total' || step.kind === 'neutral' ? signed(step.to) : signed(step.to - step.from)}`).join('; ')}. Probability ${(explanation.probability * 100).toFixed(1)}%.`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-family="arial, sans-serif">`
    + `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
    + `<line x1="${zero}" y1="0" x2="${zero}" y2="${height}" stroke="#0b0c0c" stroke-width="1"/>`
    + rows.join('')
    + '</svg>';
}
