// Where a consumer goes when a request is not resolved: the statutory chain
// licensee (UPPCL/KESCO helpline 1912) → CGRF (UPERC CGRF Regulations 2022,
// circle-level forum) → Electricity Ombudsman (Electricity Act s.42(5)–(6)).
// The CM Helpline 1076 (IGRS/Jansunwai) runs alongside; it is not a step
// before the CGRF. One definition for the services route, receipts and UI.
import { glossary } from '../../config/glossary.js';
import type { Bilingual } from './types.js';

export interface EscalationStep {
  id: 'licensee' | 'cgrf' | 'ombudsman' | 'cm-helpline';
  name: Bilingual;
  /** a number to call, when the step has one */
  contact: string | null;
  detail: Bilingual;
}

export const HELPLINE = '1912';
export const TOLL_FREE = '1800-180-8752';

export const escalation = {
  helpline: HELPLINE,
  tollFree: TOLL_FREE,
  /** in order: each step only after the one before it */
  steps: [
    { id: 'licensee', name: { en: 'UPPCL/KESCO helpline', hi: 'UPPCL/KESCO हेल्पलाइन' }, contact: HELPLINE, detail: { en: `or ${glossary.tollFree.en}`, hi: `या ${glossary.tollFree.hi}` } },
    { id: 'cgrf', name: { en: glossary.cgrf.en, hi: glossary.cgrf.hi }, contact: null, detail: { en: 'at your circle, if the helpline does not resolve it', hi: 'आपके सर्किल पर, यदि हेल्पलाइन से समाधान न हो' } },
    { id: 'ombudsman', name: { en: glossary.ombudsman.en, hi: glossary.ombudsman.hi }, contact: null, detail: { en: 'if you are not satisfied with the CGRF\'s decision', hi: 'यदि सीजीआरएफ के निर्णय से संतुष्ट न हों' } },
  ] satisfies EscalationStep[],
  /** channels alongside the chain, not steps in it */
  parallel: [
    { id: 'cm-helpline', name: { en: 'CM Helpline (IGRS / Jansunwai)', hi: 'मुख्यमंत्री हेल्पलाइन (आईजीआरएस / जनसुनवाई)' }, contact: '1076', detail: { en: 'a separate government channel, at any time', hi: 'सरकार का अलग माध्यम, कभी भी' } },
  ] satisfies EscalationStep[],
};

/** The chain in one line per language, for paper. */
export function escalationLines(): { en: string; hi: string; parallel: Bilingual } {
  return {
    en: `Not resolved? ${HELPLINE} -> CGRF -> ${glossary.ombudsman.en}`,
    hi: `समाधान न हो तो: ${HELPLINE} → सीजीआरएफ (${glossary.cgrf.hi.replace(' (सीजीआरएफ)', '')}) → ${glossary.ombudsman.hi}`,
    parallel: { en: `Also: ${glossary.cmHelpline.en}`, hi: `साथ ही: ${glossary.cmHelpline.hi}` },
  };
}
