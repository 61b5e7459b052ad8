import { cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { openCase } from './case-file.testing.tsx';

afterEach(cleanup);

describe('case summary', () => {
  it('shows her address, when and where it happened, and her account', async () => {
    await openCase({
      survivorAddress: 'मकान 12, आलमबाग',
      incidentDate: '2026-02-03',
      incidentPlace: 'ससुराल',
      incidentNarrative: 'Her own account of that night.',
    });
    const summary = screen.getByTestId('case-summary');
    expect(summary.textContent).toContain('मकान 12, आलमबाग');
    expect(summary.textContent).toContain('03/02/2026');
    expect(summary.textContent).toContain('ससुराल');
    expect(screen.getByTestId('case-narrative').textContent).toContain(
      'Her own account of that night.',
    );
  });
});
