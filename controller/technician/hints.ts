// What to do about a fault, in the technician's two languages. Keyed by part
// and state; a part's own entry under '*' covers states not listed.
import type { Bilingual } from '../services/types.js';

type Hints = Record<string, Record<string, Bilingual>>;

export const FAULT_HINTS: Hints = {
  printer: {
    'paper-end': { en: 'Load a new thermal roll (58 mm), printed side out, and close the cover.', hi: 'नया थर्मल रोल (58 मिमी) लगाएँ, छपाई वाली सतह बाहर, फिर ढक्कन बंद करें।' },
    'paper-near-end': { en: 'Paper is running low: keep a spare roll ready.', hi: 'कागज़ कम है: अतिरिक्त रोल तैयार रखें।' },
    'cover-open': { en: 'Close the printer cover until it clicks.', hi: 'प्रिंटर का ढक्कन क्लिक की आवाज़ आने तक बंद करें।' },
    offline: { en: 'Check the printer power and its USB/serial cable; the kiosk reconnects by itself.', hi: 'प्रिंटर की बिजली और USB/सीरियल केबल जाँचें; कियोस्क अपने आप फिर जुड़ जाएगा।' },
    '*': { en: 'Switch the printer off and on; if it stays in fault, print the test page and call support.', hi: 'प्रिंटर बंद करके चालू करें; फिर भी खराबी रहे तो टेस्ट पेज छापें और सहायता को फ़ोन करें।' },
  },
  scanner: {
    '*': { en: 'Check the scanner USB cable; scan the set-up barcode for serial (CDC-ACM) mode (drivers/scanner/README.md).', hi: 'स्कैनर की USB केबल जाँचें; सीरियल (CDC-ACM) मोड के लिए सेट-अप बारकोड स्कैन करें।' },
  },
  leds: {
    '*': { en: 'Check the LED wiring to the GPIO header and leds.chipBase in the config.', hi: 'GPIO हेडर तक LED की वायरिंग और कॉन्फ़िग में leds.chipBase जाँचें।' },
  },
  store: {
    '*': { en: 'The SD card is read-only or full: free space or replace the card; requests are not accepted until it is writable.', hi: 'SD कार्ड केवल-पढ़ने योग्य या भरा है: जगह खाली करें या कार्ड बदलें; तब तक अनुरोध स्वीकार नहीं होंगे।' },
  },
  central: {
    '*': { en: 'Check the network cable / router; requests wait safely on the kiosk and go out when central is reachable.', hi: 'नेटवर्क केबल / राउटर जाँचें; अनुरोध कियोस्क पर सुरक्षित हैं और केंद्र से जुड़ते ही भेजे जाएँगे।' },
  },
  ui: {
    waiting: { en: 'Waiting for the touchscreen page after start-up; if it does not appear, check the screen and use "Restart browser".', hi: 'शुरू होने के बाद टचस्क्रीन पेज की प्रतीक्षा; न दिखे तो स्क्रीन जाँचें और "ब्राउज़र फिर से चालू करें" दबाएँ।' },
    '*': { en: 'The touchscreen is not running: use "Restart browser", or check the screen cable and power.', hi: 'टचस्क्रीन नहीं चल रही: "ब्राउज़र फिर से चालू करें" दबाएँ, या स्क्रीन की केबल और बिजली जाँचें।' },
  },
  technician: {
    '*': { en: 'Another program holds the technician port: free it or set technician.port (ECORNER_TECHNICIAN_PORT) and restart the controller.', hi: 'तकनीशियन पोर्ट किसी दूसरे प्रोग्राम के पास है: उसे खाली करें या technician.port (ECORNER_TECHNICIAN_PORT) बदलकर कंट्रोलर फिर से चालू करें।' },
  },
  outbox: {
    '*': { en: 'Requests are waiting for central: check the network; nothing is lost.', hi: 'अनुरोध केंद्र की प्रतीक्षा में हैं: नेटवर्क जाँचें; कुछ भी खोया नहीं है।' },
  },
};

export function hintFor(part: string, state: string, level: string): Bilingual | null {
  if (level === 'ok') return null;
  const forPart = FAULT_HINTS[part];
  return forPart?.[state] ?? forPart?.['*'] ?? null;
}
