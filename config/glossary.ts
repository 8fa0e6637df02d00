// The one vocabulary of every consumer-facing word: touchscreen, receipts,
// error messages and scanner messages take their terms from here, so the
// connection number is called one thing everywhere and Hindi grammar is
// fixed once. `avoid` lists the variants that crept in before; the test
// test/unit/wording/glossary.test.ts fails on any consumer-facing string
// that uses one. Pure data: importable by drivers, controller, central, ui.

export interface Term {
  en: string;
  hi: string;
  /** wording consumers must not see (outside this term's own text) */
  avoid?: { en?: readonly string[]; hi?: readonly string[] };
  /** why this wording, for the next translator */
  note?: string;
}

export const glossary = {
  brand: { en: 'KESCO e-corner', hi: 'केस्को ई-कॉर्नर', avoid: { hi: ['ई-कार्नर', 'ई कॉर्नर', 'ई-कोर्नर'], en: ['e-Corner', 'E-corner', 'ecorner'] } },
  eCorner: { en: 'e-corner', hi: 'ई-कॉर्नर' },
  account: {
    en: 'connection number (account number)',
    hi: 'कनेक्शन नंबर (अकाउंट नंबर)',
    avoid: {
      hi: ['खाता संख्या', 'कनेक्शन संख्या', 'खाता नंबर', 'कनेक्शन (खाता)', 'लेखा संख्या'],
      en: ['connection (account) number', 'account no.'],
    },
    note: 'Kanpur press writes "कनेक्शन नंबर (अकाउंट नंबर)"; after the first mention the short form is enough',
  },
  accountShort: { en: 'connection number', hi: 'कनेक्शन नंबर' },
  legacyAccount: { en: 'old 8-digit connection number', hi: 'पुराना 8 अंकों का कनेक्शन नंबर' },
  newAccount: { en: 'new 10-digit connection number', hi: 'नया 10 अंकों का कनेक्शन नंबर' },
  mobile: { en: 'mobile number', hi: 'मोबाइल नंबर' },
  reference: {
    en: 'reference number',
    hi: 'संदर्भ संख्या',
    avoid: { hi: ['संदर्भ नंबर', 'का संदर्भ संख्या', 'छपा संदर्भ संख्या', 'संदर्भ संख्या छपा'] },
    note: 'संख्या is feminine: "रसीद की संदर्भ संख्या", "रसीद पर छपी संदर्भ संख्या"',
  },
  dueDate: { en: 'To be resolved by', hi: 'निस्तारण की अंतिम तिथि', avoid: { hi: ['नियत तिथि'], en: ['Due by'] } },
  action: { en: 'action', hi: 'कार्रवाई', avoid: { hi: ['कार्यवाही'] } },
  load: { en: 'load', hi: 'लोड', avoid: { hi: ['भार वृद्धि', 'भार परिवर्तन', 'आवश्यक भार', 'नया भार', 'स्वीकृत भार', 'वृद्धि / कमी'] } },
  loadChange: { en: 'Load increase / decrease', hi: 'लोड बढ़ाएँ / घटाएँ' },
  supplyComplaint: { en: 'Power supply complaint', hi: 'बिजली आपूर्ति संबंधी शिकायत', avoid: { en: ['No supply complaint'], hi: ['आपूर्ति बाधित शिकायत'] } },
  textTooLong: { en: 'The details are too long.', hi: 'विवरण बहुत लंबा है।', avoid: { hi: ['लेख बहुत लंबा'] } },
  yourElectricityAccount: { en: 'your electricity account', hi: 'आपके बिजली खाते', avoid: { hi: ['में आपके खाते में', 'दिन में आपके खाते'] }, note: '"खाते" alone reads as a bank account' },
  division: { en: 'division', hi: 'खंड' },
  helpline: { en: 'UPPCL/KESCO helpline 1912', hi: 'UPPCL/KESCO हेल्पलाइन 1912', avoid: { hi: ['केस्को हेल्पलाइन', 'हेल्पलाइन: 1912'], en: [' KESCO helpline', 'Helpline: 1912'] }, note: '1912 is UPPCL\'s common helpline' },
  tollFree: { en: 'toll-free 1800-180-8752', hi: 'टोल-फ़्री 1800-180-8752' },
  cgrf: {
    en: 'Consumer Grievance Redressal Forum (CGRF)',
    hi: 'विद्युत उपभोक्ता शिकायत निवारण फोरम (सीजीआरएफ)',
    avoid: { hi: ['उपभोक्ता फोरम'], en: ['consumer forum', 'Consumer Forum'] },
    note: '"उपभोक्ता फोरम" reads as the consumer court; the CGRF is the licensee\'s forum under the UPERC (CGRF) Regulations 2022',
  },
  ombudsman: { en: 'Electricity Ombudsman', hi: 'विद्युत लोकपाल' },
  cmHelpline: { en: 'CM Helpline 1076 (IGRS / Jansunwai)', hi: 'मुख्यमंत्री हेल्पलाइन 1076 (आईजीआरएस / जनसुनवाई)', avoid: { en: ['IGRS 1076 ->'], hi: ['आईजीआरएस 1076 →'] } },
  freeNotice: {
    en: 'All services are free — do not pay any staff or guard',
    hi: 'सभी सेवाएँ निःशुल्क — किसी कर्मचारी या गार्ड को पैसे न दें',
  },
  compensation: { en: 'compensation', hi: 'मुआवज़ा', avoid: { hi: ['मुआवजा', 'क्षतिपूर्ति राशि'] } },
  guardHelped: { en: 'A guard helped me', hi: 'गार्ड ने मेरी मदद की' },
  date: { en: 'Date', hi: 'दिनांक' },
  kiosk: { en: 'Kiosk', hi: 'कियोस्क' },
  paymentReceipt: { en: 'Payment receipt', hi: 'भुगतान रसीद' },
  duplicateBill: { en: 'Duplicate bill', hi: 'डुप्लीकेट बिल' },
  // Place names: one spelling each (KESCO's own lists disagree).
  dehliSujanpur: { en: 'Dehli Sujanpur', hi: 'देहली सुजानपुर', avoid: { hi: ['दहेली', 'दिल्ली सुजानपुर', 'देहली-सुजानपुर'], en: ['Dehli-Sujanpur', 'Delhi Sujanpur'] } },
  dadaNagar: { en: 'Dada Nagar', hi: 'दादा नगर', avoid: { hi: ['दादानगर'], en: ['Dadanagar'] } },
} as const satisfies Record<string, Term>;

export type TermId = keyof typeof glossary;

/** Ticket states as central sends them (English ids) → what a consumer reads. */
export const ticketStatusWords = {
  received: { en: 'Received', hi: 'प्राप्त' },
  assigned: { en: 'Assigned to staff', hi: 'कर्मचारी को सौंपा गया' },
  'in-progress': { en: 'Action in progress', hi: 'कार्रवाई जारी' },
  'waiting-on-consumer': { en: 'Waiting for you', hi: 'आपसे जानकारी की प्रतीक्षा' },
  resolved: { en: 'Resolved', hi: 'निस्तारित' },
  rejected: { en: 'Rejected', hi: 'अस्वीकृत' },
} as const satisfies Record<string, { en: string; hi: string }>;

/** The avoided variants `text` uses, in the language given; a term's own wording is not counted. */
export function avoidedVariants(text: string, language: 'en' | 'hi'): string[] {
  const found: string[] = [];
  for (const term of Object.values(glossary) as Term[]) {
    const own = term[language];
    const rest = text.split(own).join('\u0000');
    // A variant that contains the term itself ("का संदर्भ संख्या") is looked for in the whole text.
    for (const bad of term.avoid?.[language] ?? []) if ((bad.includes(own) ? text : rest).includes(bad)) found.push(bad);
  }
  return found;
}
