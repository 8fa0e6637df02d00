// Language of the touchscreen: Hindi first. Every text is in the DOM in both
// languages; CSS shows the chosen one (body[data-lang]), so switching never
// loses what the consumer has typed.
import type { Bilingual } from '../shared/types.js';
import { h } from '../shared/dom.js';
import { glossary as G, ticketStatusWords as glossaryTicketStatus } from '../../config/glossary.js';

export type Lang = 'hi' | 'en';
export type { Bilingual };

let current: Lang = 'hi';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  document.body.dataset.lang = next;
}

/** Text in the chosen language only. */
export function tx(b: Bilingual, cls = ''): HTMLElement {
  return h('span', { class: `tx ${cls}`.trim() }, h('span', { lang: 'hi' }, b.hi), h('span', { lang: 'en' }, b.en));
}

/** Both languages: the chosen one large, the other one small beneath. */
export function bi(b: Bilingual, cls = ''): HTMLElement {
  return h('span', { class: `bi ${cls}`.trim() }, h('span', { lang: 'hi' }, b.hi), h('span', { lang: 'en' }, b.en));
}

export function same(text: string): Bilingual {
  return { en: text, hi: text };
}

/** Joins bilingual parts language by language. */
export function join(parts: Bilingual[], sep = ' '): Bilingual {
  return { en: parts.map((p) => p.en).join(sep), hi: parts.map((p) => p.hi).join(sep) };
}

/** The touchscreen's own words (the catalogue and API bring their own). */
export const S = {
  brand: { hi: G.brand.hi, en: G.brand.en },
  freeNotice: { hi: G.freeNotice.hi, en: G.freeNotice.en },
  brandSub: { hi: 'कानपुर इलेक्ट्रिसिटी सप्लाई कंपनी', en: 'Kanpur Electricity Supply Company' },
  chooseService: { hi: 'सेवा चुनें', en: 'Choose a service' },
  touchTile: { hi: 'जिस सेवा की ज़रूरत है, उसे छुएँ', en: 'Touch the service you need' },
  scanHint: { hi: 'या अपने बिजली बिल का बारकोड स्कैनर के नीचे रखें', en: 'or hold the barcode of your electricity bill under the scanner' },
  helpline: { hi: `${G.helpline.hi} (निःशुल्क)`, en: `${G.helpline.en} (free)` },
  alsoParallel: { hi: 'साथ ही, कभी भी', en: 'Also, at any time' },
  home: { hi: 'मुख्य पृष्ठ', en: 'Home' },
  back: { hi: 'पीछे', en: 'Back' },
  next: { hi: 'आगे', en: 'Next' },
  skip: { hi: 'छोड़ें', en: 'Skip' },
  submit: { hi: 'जमा करें', en: 'Submit' },
  submitting: { hi: 'जमा हो रहा है…', en: 'Submitting…' },
  clear: { hi: 'मिटाएँ', en: 'Clear' },
  space: { hi: 'स्पेस', en: 'Space' },
  romanHint: { hi: 'अंग्रेज़ी अक्षरों में लिखें, हिंदी में दिखेगा: aa = ा, ii = ी, uu = ू, sh = श, ch = च', en: 'Type in English letters, it shows in Hindi: aa = ा, ii = ी, uu = ू, sh = श, ch = च' },
  stepOf: (n: number, of: number): Bilingual => ({ hi: `चरण ${n} / ${of}`, en: `Step ${n} of ${of}` }),
  mobile: { hi: 'आपका मोबाइल नंबर', en: 'Your mobile number' },
  mobileRule: { hi: '10 अंक, 6, 7, 8 या 9 से शुरू। रसीद पर छिपा रहेगा।', en: '10 digits starting with 6, 7, 8 or 9. Hidden on the receipt.' },
  account: { hi: G.account.hi, en: 'Connection number (account number)' },
  accountRule: { hi: 'बिल पर छपा 10 अंकों का नंबर। बिल का बारकोड स्कैन भी कर सकते हैं। पुराना 8 अंकों का नंबर हो तो वही डालें: नया नंबर केस्को से खोजा जाएगा।', en: 'The 10-digit number on your bill. You can also scan the bill barcode. Only an old 8-digit number? Type it: the new one is looked up with KESCO.' },
  review: { hi: 'जाँच लें और जमा करें', en: 'Check and submit' },
  reviewHint: { hi: 'कुछ बदलना हो तो "पीछे" छुएँ।', en: 'To change something, touch "Back".' },
  notGiven: { hi: '— (नहीं दिया)', en: '— (not given)' },
  accountFilled: (v: string): Bilingual => ({ hi: `${G.accountShort.hi} ${v} स्कैन से भरा गया`, en: `Connection number ${v} filled from the scan` }),
  accountScannedHome: (v: string): Bilingual => ({ hi: `${G.accountShort.hi} ${v} पढ़ा गया। अब सेवा चुनें।`, en: `Connection number ${v} read. Now choose a service.` }),
  billScanned: { hi: `यह बिल का नंबर है। कृपया बिल पर ${G.accountShort.hi} का बारकोड स्कैन करें या 10 अंकों का ${G.accountShort.hi} टाइप करें।`, en: 'This is the bill number. Please scan the connection-number barcode on your bill or type your 10-digit connection number.' },
  legacyFound: (old: string, account: string): Bilingual => ({ hi: `पुराना नंबर ${old} → नया ${G.accountShort.hi} ${account}`, en: `Old number ${old} → new connection number ${account}` }),
  oldNumber: { hi: 'पुराना नंबर', en: 'Old number' },
  guardHelped: { hi: G.guardHelped.hi, en: G.guardHelped.en },
  guardHelpedHint: { hi: 'यह सेवा निःशुल्क है: किसी ने पैसे माँगे हों तो हेल्पलाइन 1912 पर बताएँ।', en: 'This service is free: if anyone asked you for money, tell the helpline 1912.' },
  redacted: { hi: 'आपके विवरण में 12 अंकों का पहचान (आधार जैसा) नंबर छिपा दिया गया है।', en: 'A 12-digit ID (Aadhaar-like) number in your details has been hidden.' },
  compensation: (perDay: number): Bilingual => ({ hi: `समय-सीमा बीत चुकी है: आपको ₹${perDay} प्रतिदिन ${G.compensation.hi} मिल सकता है।`, en: `The time limit has passed: you may be due ₹${perDay} a day in ${G.compensation.en}.` }),
  compensationUnconfirmed: { hi: '(राशि नियामक की अधिसूचित अनुसूची से पुष्टि होनी बाकी है)', en: '(amount still to be confirmed from the notified schedule)' },
  countsFromComplete: { hi: 'समय-सीमा आवेदन पूर्ण होने (दस्तावेज़ और शुल्क जमा होने) से गिनी जाती है', en: 'The time limit counts from the complete application (documents and charges submitted)' },
  upiScanned: { hi: 'यह भुगतान का क्यूआर कोड है। इसे अपने फ़ोन के यूपीआई ऐप से स्कैन करें, कियोस्क के स्कैनर से नहीं।', en: 'This is a payment QR code. Scan it with the UPI app on your phone, not the kiosk scanner.' },
  ok: { hi: 'ठीक है', en: 'OK' },
  leaveQuestion: { hi: 'क्या यह फ़ॉर्म छोड़ना है?', en: 'Leave this form?' },
  leaveYes: { hi: 'हाँ, छोड़ें', en: 'Yes, leave' },
  leaveNo: { hi: 'नहीं, यहीं रहें', en: 'No, stay here' },
  homeDetail: { hi: 'आपने जो भरा है, वह मिट जाएगा।', en: 'What you have entered will be cleared.' },
  receiptScannedMidForm: (ref: string): Bilingual => ({ hi: `रसीद ${ref} स्कैन हुई। उसकी स्थिति देखनी है? आपने यहाँ जो भरा है, वह मिट जाएगा।`, en: `Receipt ${ref} was scanned. Show its status? What you have entered here will be cleared.` }),
  accountRemembered: (v: string): Bilingual => ({ hi: `${G.accountShort.hi} ${v} पढ़ा गया। अगली सेवा में यह अपने आप भरा जाएगा।`, en: `Connection number ${v} read. It will be filled in for your next service.` }),
  networkError: { hi: 'कियोस्क से संपर्क नहीं हो सका। कृपया फिर से प्रयास करें या हेल्पलाइन 1912 पर कॉल करें।', en: 'Could not reach the kiosk. Please try again or call the helpline 1912.' },
  // done
  accepted: { hi: 'आपका आवेदन स्वीकार हो गया', en: 'Your request has been accepted' },
  referenceNo: { hi: 'संदर्भ संख्या', en: 'Reference number' },
  noteReference: { hi: 'इस संख्या से आप अपने आवेदन की स्थिति देख सकते हैं।', en: 'Use this number to check the status of your request.' },
  dueBy: { hi: 'निस्तारण की अंतिम तिथि', en: 'To be resolved by' },
  escalation: { hi: 'समाधान न हो तो', en: 'If not resolved' },
  receiptPending: { hi: 'रसीद छप रही है…', en: 'Printing your receipt…' },
  receiptPrinted: { hi: 'कृपया अपनी रसीद ले लें', en: 'Please collect your receipt' },
  receiptPaper: { hi: 'प्रिंटर में कागज़ नहीं है: अपनी संदर्भ संख्या नोट कर लें, आपका आवेदन सहेज लिया गया है', en: 'Printer is out of paper: note your reference number, your request is saved' },
  receiptWaiting: { hi: 'प्रिंटर अभी उपलब्ध नहीं है: अपनी संदर्भ संख्या नोट कर लें, आपका आवेदन सहेज लिया गया है', en: 'The printer is not available right now: note your reference number, your request is saved' },
  receiptFailed: { hi: 'रसीद नहीं छप सकी: अपनी संदर्भ संख्या नोट कर लें, आपका आवेदन सहेज लिया गया है', en: 'The receipt could not be printed: note your reference number, your request is saved' },
  finish: { hi: 'समाप्त', en: 'Finish' },
  // payment
  payTitle: { hi: 'यूपीआई से भुगतान करें', en: 'Pay by UPI' },
  amount: { hi: 'राशि', en: 'Amount' },
  payScan: { hi: 'अपने फ़ोन के किसी भी यूपीआई ऐप (भीम, फ़ोनपे, गूगल पे, पेटीएम) से यह क्यूआर स्कैन करें।', en: 'Scan this QR with any UPI app on your phone (BHIM, PhonePe, Google Pay, Paytm).' },
  payConfirm: { hi: 'भुगतान की पुष्टि केस्को करेगा; यह स्क्रीन भुगतान हो जाने का प्रमाण नहीं है।', en: 'Paid status is confirmed by KESCO, not assumed: this screen is not proof of payment.' },
  // status look-up
  statusTitle: { hi: 'आवेदन की स्थिति', en: 'Request status' },
  reference: { hi: 'संदर्भ संख्या', en: 'Reference number' },
  referenceRule: { hi: 'रसीद पर छपी संख्या, जैसे KE-DLS-261126-00042। रसीद का क्यूआर स्कैन भी कर सकते हैं।', en: 'As printed on your receipt, e.g. KE-DLS-261126-00042. You can also scan the receipt QR.' },
  statusMobile: { hi: 'आवेदन के समय दिया मोबाइल नंबर', en: 'The mobile number you gave with the request' },
  lookUp: { hi: 'स्थिति देखें', en: 'Show status' },
  lookingUp: { hi: 'खोज रहे हैं…', en: 'Looking up…' },
  service: { hi: 'सेवा', en: 'Service' },
  submittedOn: { hi: 'आवेदन की तिथि', en: 'Submitted on' },
  submittedAt: { hi: 'आवेदन का कियोस्क', en: 'Submitted at kiosk' },
  centralPending: { hi: 'कियोस्क पर सुरक्षित; केस्को को भेजा जा रहा है', en: 'Saved at this kiosk; being sent to KESCO' },
  centralSynced: { hi: 'केस्को में दर्ज', en: 'Registered with KESCO' },
  ticket: { hi: 'केस्को टिकट', en: 'KESCO ticket' },
  state: { hi: 'स्थिति', en: 'Status' },
  receipt: { hi: 'रसीद', en: 'Receipt' },
  anotherLookup: { hi: 'दूसरा आवेदन देखें', en: 'Look up another' },
  // idle, devices
  stillThere: { hi: 'क्या आप अभी भी यहाँ हैं?', en: 'Are you still there?' },
  idleClearing: (s: number): Bilingual => ({ hi: `${s} सेकंड में स्क्रीन साफ़ होकर मुख्य पृष्ठ पर लौट जाएगी।`, en: `The screen will be cleared and return home in ${s} seconds.` }),
  continue: { hi: 'हाँ, जारी रखें', en: 'Yes, continue' },
  printerFault: { hi: 'प्रिंटर अभी काम नहीं कर रहा: रसीद बाद में छपेगी, आपका आवेदन फिर भी सहेजा जाएगा।', en: 'Printer not working right now: your request is still saved; the receipt prints later.' },
  storeFault: { hi: 'यह कियोस्क अभी आवेदन नहीं ले सकता। कृपया हेल्पलाइन 1912 पर कॉल करें।', en: 'This kiosk cannot take requests right now. Please call the helpline 1912.' },
  legacyDefault: { hi: `यह ${G.legacyAccount.hi} है। नया नंबर खोजने के लिए इसे फ़ॉर्म में टाइप करें।`, en: `This is an ${G.legacyAccount.en}. Type it on the form to look up the new one.` },
  unknownDefault: { hi: 'यह कोड पहचाना नहीं गया। कृपया बिल का बारकोड या रसीद का क्यूआर स्कैन करें।', en: 'This code was not recognised. Please scan your bill barcode or receipt QR.' },
} satisfies Record<string, Bilingual | ((...a: never[]) => Bilingual)>;

/** The help desk's status of a request (protocol TicketStatus), in the glossary's words. */
export const ticketStatusWords: Record<string, Bilingual> = glossaryTicketStatus;
export const staffReply: Bilingual = { hi: 'केस्को का जवाब', en: 'Reply from KESCO' };

/** Central's ticket states in the consumer's words. */
export function ticketStatus(status: string): Bilingual {
  return ticketStatusWords[status] ?? { en: status, hi: status };
}
