// The rig diagram's header line: every active problem of the rig counted, information included.

import { plural } from '../../core/format';

/** "No problems in the rig", or "3 problems: 2 errors, 1 info". */
export function problemsText(p: { errors: number; warnings: number; infos: number }): string {
  const total = p.errors + p.warnings + p.infos;
  if (total === 0) return 'No problems in the rig';
  const parts = [
    p.errors ? plural(p.errors, 'error') : '',
    p.warnings ? plural(p.warnings, 'warning') : '',
    p.infos ? plural(p.infos, 'info', 'infos') : '',
  ].filter(Boolean);
  return `${plural(total, 'problem')}: ${parts.join(', ')}`;
}
