// Service glyphs as inline SVG (stroke = currentColor): no emoji or icon
// font, so nothing depends on what fonts the kiosk image happens to have.
const wrap = (paths: string) => `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

export const serviceIcons: Record<string, string> = {
  'bill-payment': wrap('<path d="M6 2h9l4 4v16l-2.5-1.5L14 22l-2.5-1.5L9 22l-2.5-1.5L4 22V4a2 2 0 0 1 2-2z"/><path d="M9 8h6M9 8c2.5 0 3 1.5 3 2.5S11 13 9 13l5 4M9 10.5h6"/>'),
  'prepaid-recharge': wrap('<rect x="4" y="2" width="16" height="20" rx="2"/><rect x="7" y="5" width="10" height="5" rx="1"/><path d="M13 12l-3 4h4l-3 4"/>'),
  'new-connection': wrap('<path d="M9 2v5M15 2v5"/><path d="M6 7h12v4a6 6 0 0 1-12 0z"/><path d="M12 17v5"/>'),
  'load-change': wrap('<path d="M7 20V5M3 9l4-4 4 4"/><path d="M17 4v15M13 15l4 4 4-4"/>'),
  'billing-complaint': wrap('<path d="M6 2h9l4 4v16H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z"/><path d="M12 8v6"/><circle cx="12" cy="17.5" r=".6" fill="currentColor"/>'),
  'meter-complaint': wrap('<circle cx="12" cy="13" r="8"/><path d="M12 13l4-4"/><path d="M8 13h.01M12 8v.01M16 13h.01"/><path d="M9 2h6"/>'),
  'name-change': wrap('<circle cx="9" cy="7" r="4"/><path d="M2 21v-1a7 7 0 0 1 11-5.7"/><path d="M16 21l1-4 5-5-3-3-5 5-1 4z"/>'),
  'category-change': wrap('<path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9z"/><circle cx="7.5" cy="7.5" r="1.5"/>'),
  'supply-complaint': wrap('<path d="M13 2L5 14h6l-1 8 8-12h-6z"/><path d="M3 3l18 18"/>'),
  'request-status': wrap('<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5L21 21"/><path d="M8 10.5l2 2 3.5-4"/>'),
};

export const icons = {
  back: wrap('<path d="M15 5l-7 7 7 7"/>'),
  next: wrap('<path d="M9 5l7 7-7 7"/>'),
  home: wrap('<path d="M3 11l9-8 9 8"/><path d="M5 10v10h5v-6h4v6h5V10"/>'),
  check: wrap('<path d="M4 12l5 5L20 6"/>'),
  backspace: wrap('<path d="M21 5H9l-6 7 6 7h12z"/><path d="M12 9l6 6M18 9l-6 6"/>'),
  printer: wrap('<path d="M6 9V2h12v7"/><rect x="3" y="9" width="18" height="8" rx="2"/><path d="M6 14h12v8H6z"/>'),
  phone: wrap('<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>'),
  scan: wrap('<path d="M3 7V3h4M17 3h4v4M21 17v4h-4M7 21H3v-4"/><path d="M7 8v8M10 8v8M13 8v8M16 8v8"/>'),
  clock: wrap('<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>'),
  warning: wrap('<path d="M12 3l10 18H2z"/><path d="M12 10v5"/><circle cx="12" cy="18" r=".6" fill="currentColor"/>'),
};
