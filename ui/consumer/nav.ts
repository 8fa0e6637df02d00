// What screens share: navigation, the catalogue and the scanner. Each screen
// is a function returning a Screen; main.ts shows one at a time and disposes
// the previous one (its DOM, with any personal data, is removed).
import type { Catalogue, CatalogueService, ScanEvent } from '../shared/types.js';
import type { Bilingual } from './i18n.js';

export interface Screen {
  name: string;
  el: HTMLElement;
  /** a scan while this screen is shown; return true when handled */
  onScan?(scan: ScanEvent): boolean;
  /** the global "receipt printed/waiting" event, for the screen showing that reference */
  onReceiptState?(reference: string): void;
  dispose?(): void;
  /** would leaving lose something: typed input, or a reference the consumer may not have noted? */
  holdsInput?(): boolean;
}

export interface Nav {
  home(): void;
  service(id: string): void;
  status(reference?: string): void;
  show(screen: Screen): void;
}

export interface AppContext {
  nav: Nav;
  catalogue: Catalogue;
  /** an account number scanned on the home screen, used by the next form */
  scannedAccount: string | null;
  /** a short message in the chosen language (scanner feedback, errors) */
  notify(message: Bilingual, tone?: 'info' | 'error'): void;
  /** asks "leave this screen?" (with `detail`), and calls `then` on yes */
  askLeave(detail: Bilingual, then: () => void): void;
}

export function findService(ctx: AppContext, id: string): CatalogueService | undefined {
  return ctx.catalogue.services.find((s) => s.id === id);
}
