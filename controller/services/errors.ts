// Every consumer-facing refusal has a stable code, the field it concerns and
// a message in English and Hindi. The UI shows the language the consumer
// chose; technicians and tests rely on the code.
import type { Bilingual } from './types.js';

export interface FieldError {
  code: string;
  field: string;
  message: Bilingual;
}

export const messages = {
  'missing-mobile': { en: 'Please enter your mobile number.', hi: 'कृपया अपना मोबाइल नंबर दर्ज करें।' },
  'invalid-mobile': { en: 'Enter a 10-digit mobile number starting with 6, 7, 8 or 9.', hi: '6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर दर्ज करें।' },
  'missing-account': { en: 'Please enter your 10-digit connection number (account number).', hi: 'कृपया अपना 10 अंकों का कनेक्शन नंबर (अकाउंट नंबर) दर्ज करें।' },
  'invalid-account': { en: 'The connection number (account number) must be exactly 10 digits.', hi: 'कनेक्शन नंबर (अकाउंट नंबर) ठीक 10 अंकों का होना चाहिए।' },
  'legacy-account': {
    en: 'This is an old 8-digit number. Please enter the new 10-digit connection number printed on your latest bill.',
    hi: 'यह पुराना 8 अंकों का नंबर है। कृपया अपने नवीनतम बिल पर छपा नया 10 अंकों का कनेक्शन नंबर दर्ज करें।',
  },
  'invalid-legacy-account': { en: 'The old connection number must be 8 digits and go with the new 10-digit one.', hi: 'पुराना कनेक्शन नंबर 8 अंकों का हो और नए 10 अंकों के नंबर के साथ दिया जाए।' },
  'legacy-not-found': {
    en: 'KESCO has no new number for this old 8-digit connection number. Please enter the 10-digit connection number printed on your latest bill.',
    hi: 'केस्को के पास इस पुराने 8 अंकों के कनेक्शन नंबर का कोई नया नंबर नहीं है। कृपया अपने नवीनतम बिल पर छपा 10 अंकों का कनेक्शन नंबर दर्ज करें।',
  },
  'unknown-service': { en: 'This service is not available at this kiosk.', hi: 'यह सेवा इस कियोस्क पर उपलब्ध नहीं है।' },
  'service-is-lookup': { en: 'Request status is looked up, not submitted: use your reference number.', hi: 'आवेदन की स्थिति देखी जाती है, जमा नहीं की जाती: अपनी संदर्भ संख्या का उपयोग करें।' },
  'unknown-field': { en: 'This form does not have this field.', hi: 'इस फ़ॉर्म में यह जानकारी नहीं माँगी गई है।' },
  'missing-field': { en: 'This information is required.', hi: 'यह जानकारी आवश्यक है।' },
  'invalid-choice': { en: 'Please choose one of the options shown.', hi: 'कृपया दिखाए गए विकल्पों में से एक चुनें।' },
  'not-whole-number': { en: 'Enter a whole number.', hi: 'पूर्ण संख्या दर्ज करें।' },
  'not-a-number': { en: 'Enter numbers only.', hi: 'केवल अंक दर्ज करें।' },
  'too-many-decimals': { en: 'Too many digits after the decimal point.', hi: 'दशमलव के बाद बहुत अधिक अंक हैं।' },
  'out-of-range': { en: 'This value is outside the allowed range.', hi: 'यह मान अनुमत सीमा से बाहर है।' },
  'text-too-long': { en: 'The details are too long.', hi: 'विवरण बहुत लंबा है।' },
  'invalid-format': { en: 'This is not in the expected form.', hi: 'यह अपेक्षित प्रारूप में नहीं है।' },
  'invalid-reference': { en: 'Enter the reference number as printed on your receipt, e.g. KE-DLS-261126-00042.', hi: 'रसीद पर छपी संदर्भ संख्या दर्ज करें, जैसे KE-DLS-261126-00042।' },
  'invalid-request': { en: 'The request could not be understood.', hi: 'अनुरोध समझा नहीं जा सका।' },
  'body-too-large': { en: 'The request is too large.', hi: 'अनुरोध बहुत बड़ा है।' },
  'not-found': { en: 'No request with this reference and mobile number was found.', hi: 'इस संदर्भ संख्या और मोबाइल नंबर से कोई आवेदन नहीं मिला।' },
  'store-unavailable': {
    en: 'Your request could not be saved. Nothing was submitted; please try again or ask the help desk.',
    hi: 'आपका आवेदन सहेजा नहीं जा सका। कुछ भी जमा नहीं हुआ; कृपया फिर से प्रयास करें या हेल्प डेस्क से संपर्क करें।',
  },
  'too-many-lookups': {
    en: 'Too many status look-ups from this kiosk in the last minute. Please wait a minute and try again, or call 1912.',
    hi: 'पिछले एक मिनट में इस कियोस्क से बहुत अधिक स्थिति जाँच हुई हैं। कृपया एक मिनट रुककर फिर से प्रयास करें, या 1912 पर कॉल करें।',
  },
  'central-unavailable': {
    en: 'KESCO\'s server cannot be reached right now. Bills and payments need it; complaints and applications are still accepted and sent later.',
    hi: 'केस्को का सर्वर अभी उपलब्ध नहीं है। बिल और भुगतान के लिए इसकी आवश्यकता है; शिकायतें और आवेदन अभी भी स्वीकार किए जाते हैं और बाद में भेजे जाएंगे।',
  },
  'account-not-found': { en: 'No bill was found for this connection number.', hi: 'इस कनेक्शन नंबर का कोई बिल नहीं मिला।' },
  'connection-not-found': {
    en: 'KESCO has no connection with this number. Check the 10-digit connection number on your bill or meter card.',
    hi: 'केस्को में इस नंबर का कोई कनेक्शन नहीं है। अपने बिल या मीटर कार्ड पर 10 अंकों का कनेक्शन नंबर जाँचें।',
  },
  'not-payable': { en: 'This request is not a bill payment or a prepaid recharge.', hi: 'यह आवेदन बिल भुगतान या प्रीपेड रिचार्ज नहीं है।' },
  'bill-already-paid': { en: 'KESCO shows this bill as already paid. Nothing more is due for it.', hi: 'केस्को के अनुसार इस बिल का भुगतान पहले ही हो चुका है। इसके लिए और कुछ देय नहीं है।' },
  'payment-in-progress': {
    en: 'A payment for this bill is already open. Wait for it to be confirmed or for its QR to expire, then try again.',
    hi: 'इस बिल का एक भुगतान पहले से खुला है। उसकी पुष्टि होने या उसके क्यूआर की अवधि समाप्त होने की प्रतीक्षा करें, फिर प्रयास करें।',
  },
  'payment-refused': { en: 'KESCO could not open this payment. Please ask the help desk, quoting your reference number.', hi: 'केस्को यह भुगतान नहीं खोल सका। कृपया अपनी संदर्भ संख्या बताकर हेल्प डेस्क से संपर्क करें।' },
  'payment-not-confirmed': { en: 'KESCO has not confirmed this payment yet, so no payment receipt can be printed.', hi: 'केस्को ने अभी इस भुगतान की पुष्टि नहीं की है, इसलिए भुगतान रसीद नहीं छप सकती।' },
  'bill-not-found': { en: 'KESCO has no such bill for this connection number.', hi: 'केस्को में इस कनेक्शन नंबर का ऐसा कोई बिल नहीं है।' },
  'printer-not-ready': { en: 'The printer cannot print right now. Please ask the help desk.', hi: 'प्रिंटर अभी नहीं छाप सकता। कृपया हेल्प डेस्क से संपर्क करें।' },
  'printer-unconfirmed': { en: 'The page was sent, but the printer did not confirm printing it.', hi: 'पृष्ठ भेजा गया, पर प्रिंटर ने छपाई की पुष्टि नहीं की।' },
  'internal-error': { en: 'Something went wrong. Please ask the help desk.', hi: 'कुछ गड़बड़ हो गई। कृपया हेल्प डेस्क से संपर्क करें।' },
} as const satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof messages;

export function fieldError(code: ErrorCode, field: string, detail?: Bilingual): FieldError {
  const base = messages[code];
  return { code, field, message: detail ? { en: `${base.en} ${detail.en}`, hi: `${base.hi} ${detail.hi}` } : base };
}
