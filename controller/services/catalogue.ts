// The ten services of the kiosk. Ids are the contract the UI and central
// share. Due times are not here: they come from config.timelines, each with
// its source, so a rule change is a config change.
import { glossary } from '../../config/glossary.js';
import type { NetworkConfig } from '../../config/schema.js';
import type { EnumOption, FieldSpec, ServiceSpec } from './types.js';

const description: FieldSpec = {
  name: 'description',
  type: 'text',
  maxLength: 500,
  required: false,
  label: { en: 'Details (optional)', hi: 'विवरण (वैकल्पिक)' },
  rule: { en: 'Up to 500 characters. Do not write your Aadhaar number: 12-digit ID numbers are hidden.', hi: 'अधिकतम 500 अक्षर। अपना आधार नंबर न लिखें: 12 अंकों के पहचान नंबर छिपा दिए जाते हैं।' },
};

const amount = (min: number, max: number, decimals: number): FieldSpec => ({
  name: 'amount',
  type: 'number',
  min,
  max,
  decimals,
  unit: 'INR',
  required: true,
  label: { en: 'Amount (₹)', hi: 'राशि (₹)' },
  rule: { en: `₹${min} to ₹${max}`, hi: `₹${min} से ₹${max} तक` },
});

const loadKw = (name: string, label: { en: string; hi: string }): FieldSpec => ({
  name,
  type: 'integer',
  min: 1,
  max: 500,
  unit: 'kW',
  required: true,
  label,
  rule: { en: 'Whole kilowatts, 1 to 500', hi: 'पूरे किलोवाट में, 1 से 500' },
});

const categoryOptions: EnumOption[] = [
  { value: 'domestic', label: { en: 'Domestic (LMV-1)', hi: 'घरेलू (एलएमवी-1)' } },
  { value: 'non-domestic', label: { en: 'Commercial / non-domestic (LMV-2)', hi: 'वाणिज्यिक / गैर-घरेलू (एलएमवी-2)' } },
  { value: 'institutional', label: { en: 'Public institution (LMV-4)', hi: 'सार्वजनिक संस्था (एलएमवी-4)' } },
  { value: 'industrial', label: { en: 'Small & medium industry (LMV-6)', hi: 'लघु एवं मध्यम उद्योग (एलएमवी-6)' } },
];

export function buildCatalogue(network: NetworkConfig): ServiceSpec[] {
  const substations: EnumOption[] = network.circles.flatMap((c) => c.substations.map((s) => ({ value: s.id, label: s.name, group: { id: c.id, name: c.name } })));
  return [
    {
      id: 'bill-payment',
      kind: 'payment',
      needsAccount: true,
      name: { en: 'View & pay bill', hi: 'बिल देखें और जमा करें' },
      help: { en: 'See your latest bill and pay it by UPI: scan the QR on the screen with any UPI app.', hi: 'अपना नवीनतम बिल देखें और यूपीआई से भुगतान करें: स्क्रीन पर दिख रहे क्यूआर को किसी भी यूपीआई ऐप से स्कैन करें।' },
      fields: [
        {
          name: 'billId',
          type: 'text',
          maxLength: 24,
          pattern: '^B-\\d{10}-\\d{6}$',
          required: true,
          label: { en: 'Bill', hi: 'बिल' },
          rule: { en: 'Chosen from your bills after entering the connection number', hi: 'कनेक्शन नंबर डालने के बाद आपके बिलों में से चुना गया' },
        },
        amount(1, 1000000, 2),
      ],
      timeline: 'bill-payment',
    },
    {
      id: 'prepaid-recharge',
      kind: 'payment',
      needsAccount: true,
      name: { en: 'Smart prepaid meter recharge', hi: 'स्मार्ट प्रीपेड मीटर रिचार्ज' },
      help: {
        en: 'Recharge your smart prepaid meter by UPI. Part of a recharge may first go to old arrears (unpaid dues), so the balance can rise by less than you paid. If supply stays off after a recharge, choose "Power supply complaint" → "Disconnected despite recharge".',
        hi: 'यूपीआई से अपने स्मार्ट प्रीपेड मीटर का रिचार्ज करें। रिचार्ज का कुछ हिस्सा पहले पुराने बकाया में जा सकता है, इसलिए बैलेंस आपके भुगतान से कम बढ़ सकता है। रिचार्ज के बाद भी बिजली न आए तो "बिजली आपूर्ति संबंधी शिकायत" → "रिचार्ज के बाद भी बिजली कटी" चुनें।',
      },
      // Shown under the amount on the recharge screen: the smart prepaid meter's surprises, said before the consumer pays.
      fields: [{
        ...amount(100, 50000, 0),
        rule: {
          en: '₹100 to ₹50000. Part of it may first go to old arrears. No supply after a recharge? Use "Power supply complaint".',
          hi: '₹100 से ₹50000 तक। इसका कुछ हिस्सा पहले पुराने बकाया में जा सकता है। रिचार्ज के बाद भी बिजली नहीं? "बिजली आपूर्ति संबंधी शिकायत" चुनें।',
        },
      }],
      timeline: 'prepaid-recharge',
    },
    {
      id: 'new-connection',
      kind: 'request',
      needsAccount: false,
      name: { en: 'New connection', hi: 'नया कनेक्शन' },
      help: {
        en: 'Register for a new electricity connection. The time limit starts once the application is complete (documents and charges submitted); you can also apply on UPPCL\'s official online new-connection service. Keep your ID and address proof ready for the site visit.',
        hi: 'नए बिजली कनेक्शन के लिए पंजीकरण करें। समय-सीमा आवेदन पूर्ण होने (दस्तावेज़ और शुल्क जमा होने) से गिनी जाती है; आप UPPCL की आधिकारिक ऑनलाइन नया-कनेक्शन सेवा पर भी आवेदन कर सकते हैं। निरीक्षण के समय पहचान और पते का प्रमाण तैयार रखें।',
      },
      fields: [
        { name: 'applicantName', type: 'text', maxLength: 100, required: true, label: { en: 'Applicant name', hi: 'आवेदक का नाम' }, rule: { en: 'Up to 100 characters', hi: 'अधिकतम 100 अक्षर' } },
        { name: 'address', type: 'text', maxLength: 300, required: true, onReceipt: false, label: { en: 'Address of premises', hi: 'परिसर का पता' }, rule: { en: 'Up to 300 characters', hi: 'अधिकतम 300 अक्षर' } },
        { name: 'category', type: 'enum', options: categoryOptions, required: true, label: { en: 'Category', hi: 'श्रेणी' }, rule: { en: 'Choose one', hi: 'एक चुनें' } },
        loadKw('loadKw', { en: 'Load required (kW)', hi: 'आवश्यक लोड (किलोवाट)' }),
      ],
      timeline: 'new-connection',
    },
    {
      id: 'load-change',
      kind: 'request',
      needsAccount: true,
      name: { en: glossary.loadChange.en, hi: glossary.loadChange.hi },
      help: { en: 'Change the sanctioned load of your connection.', hi: 'अपने कनेक्शन का स्वीकृत लोड बदलें।' },
      fields: [
        {
          name: 'direction',
          type: 'enum',
          required: true,
          options: [
            { value: 'increase', label: { en: 'Increase', hi: 'बढ़ाएँ' } },
            { value: 'decrease', label: { en: 'Decrease', hi: 'घटाएँ' } },
          ],
          label: { en: 'Change', hi: 'परिवर्तन' },
          rule: { en: 'Choose one', hi: 'एक चुनें' },
        },
        loadKw('requestedLoadKw', { en: 'New load (kW)', hi: 'नया लोड (किलोवाट)' }),
      ],
      timeline: 'load-change',
    },
    {
      id: 'billing-complaint',
      kind: 'request',
      needsAccount: true,
      name: { en: 'Billing complaint', hi: 'बिल संबंधी शिकायत' },
      help: { en: 'Wrong reading, excess bill, bill not received or payment not shown.', hi: 'गलत रीडिंग, अधिक बिल, बिल न मिलना या भुगतान दर्ज न होना।' },
      fields: [
        {
          name: 'type',
          type: 'enum',
          required: true,
          options: [
            { value: 'wrong-reading', label: { en: 'Wrong meter reading', hi: 'गलत मीटर रीडिंग' }, timeline: 'wrong-meter-reading' },
            { value: 'excess-bill', label: { en: 'Excess bill', hi: 'अधिक बिल' } },
            { value: 'bill-not-received', label: { en: 'Bill not received', hi: 'बिल प्राप्त नहीं हुआ' } },
            { value: 'payment-not-posted', label: { en: 'Payment not shown in bill', hi: 'भुगतान बिल में दर्ज नहीं' } },
          ],
          label: { en: 'Complaint', hi: 'शिकायत' },
          rule: { en: 'Choose one', hi: 'एक चुनें' },
        },
        { name: 'meterReading', type: 'number', min: 0, max: 99999999, decimals: 1, unit: 'kWh', required: false, label: { en: 'Reading on your meter (optional)', hi: 'आपके मीटर की रीडिंग (वैकल्पिक)' }, rule: { en: 'Numbers only', hi: 'केवल अंक' } },
        description,
      ],
      timeline: 'billing-complaint',
    },
    {
      id: 'meter-complaint',
      kind: 'request',
      needsAccount: true,
      name: { en: 'Meter complaint', hi: 'मीटर संबंधी शिकायत' },
      help: { en: 'Meter burnt, stopped, running fast or seal broken.', hi: 'मीटर जला, बंद, तेज़ चल रहा है या सील टूटी है।' },
      fields: [
        {
          name: 'type',
          type: 'enum',
          required: true,
          options: [
            { value: 'burnt', label: { en: 'Meter burnt', hi: 'मीटर जल गया' } },
            { value: 'stopped', label: { en: 'Meter stopped', hi: 'मीटर बंद है' } },
            { value: 'running-fast', label: { en: 'Meter running fast', hi: 'मीटर तेज़ चल रहा है' } },
            { value: 'seal-broken', label: { en: 'Seal broken', hi: 'सील टूटी है' } },
          ],
          label: { en: 'Problem', hi: 'समस्या' },
          rule: { en: 'Choose one', hi: 'एक चुनें' },
        },
        description,
      ],
      timeline: 'meter-complaint',
    },
    {
      id: 'name-change',
      kind: 'request',
      needsAccount: true,
      name: { en: 'Name / ownership change', hi: 'नाम / स्वामित्व परिवर्तन' },
      help: { en: 'Transfer the connection to a new owner or correct the name.', hi: 'कनेक्शन नए स्वामी के नाम करें या नाम में सुधार करें।' },
      fields: [
        { name: 'newName', type: 'text', maxLength: 100, required: true, label: { en: 'New name', hi: 'नया नाम' }, rule: { en: 'Up to 100 characters', hi: 'अधिकतम 100 अक्षर' } },
        {
          name: 'reason',
          type: 'enum',
          required: true,
          options: [
            { value: 'sale', label: { en: 'Property sold', hi: 'संपत्ति की बिक्री' } },
            { value: 'inheritance', label: { en: 'Inheritance', hi: 'उत्तराधिकार' } },
            { value: 'correction', label: { en: 'Spelling correction', hi: 'वर्तनी सुधार' } },
          ],
          label: { en: 'Reason', hi: 'कारण' },
          rule: { en: 'Choose one', hi: 'एक चुनें' },
        },
      ],
      timeline: 'name-change',
    },
    {
      id: 'category-change',
      kind: 'request',
      needsAccount: true,
      name: { en: 'Category (tariff) change', hi: 'श्रेणी (टैरिफ) परिवर्तन' },
      help: { en: 'Change the tariff category of your connection.', hi: 'अपने कनेक्शन की टैरिफ श्रेणी बदलें।' },
      fields: [
        { name: 'requestedCategory', type: 'enum', options: categoryOptions, required: true, label: { en: 'New category', hi: 'नई श्रेणी' }, rule: { en: 'Choose one', hi: 'एक चुनें' } },
        description,
      ],
      timeline: 'category-change',
    },
    {
      id: 'supply-complaint',
      kind: 'request',
      needsAccount: true,
      name: { en: glossary.supplyComplaint.en, hi: glossary.supplyComplaint.hi },
      help: { en: 'Report no power, low voltage, a failed transformer or a prepaid meter cut off despite a recharge; it goes to your division.', hi: 'बिजली न होने, कम वोल्टेज, ट्रांसफार्मर खराब होने या रिचार्ज के बाद भी प्रीपेड मीटर की बिजली कटने की शिकायत करें; यह आपके खंड को जाएगी।' },
      fields: [
        // Kept as `substation` for central's routing; most names in the report are divisions, and the bill names the consumer's division.
        { name: 'substation', type: 'enum', options: substations, required: true, label: { en: 'Your division (as on your bill)', hi: 'आपका खंड (जैसा बिल पर लिखा है)' }, rule: { en: 'The division (खंड) printed on your electricity bill', hi: 'आपके बिजली बिल पर छपा खंड' } },
        {
          name: 'type',
          type: 'enum',
          required: true,
          options: [
            { value: 'no-supply', label: { en: 'No supply at my premises', hi: 'मेरे परिसर में बिजली नहीं' }, timeline: 'no-supply' },
            { value: 'area-outage', label: { en: 'Whole area without supply', hi: 'पूरे क्षेत्र में बिजली नहीं' }, timeline: 'area-outage' },
            { value: 'transformer-failure', label: { en: 'Transformer failed', hi: 'ट्रांसफार्मर खराब' }, timeline: 'transformer-failure' },
            { value: 'low-voltage', label: { en: 'Low voltage', hi: 'कम वोल्टेज' }, timeline: 'low-voltage' },
            { value: 'underground-cable', label: { en: 'Underground cable fault', hi: 'भूमिगत केबल खराब' }, timeline: 'underground-cable' },
            { value: 'prepaid-disconnected', label: { en: 'Disconnected despite recharge (prepaid meter)', hi: 'रिचार्ज के बाद भी बिजली कटी (प्रीपेड मीटर)' }, timeline: 'prepaid-disconnected' },
          ],
          label: { en: 'Problem', hi: 'समस्या' },
          rule: { en: 'Choose one', hi: 'एक चुनें' },
        },
        description,
      ],
      timeline: 'no-supply',
    },
    {
      id: 'request-status',
      kind: 'lookup',
      needsAccount: false,
      name: { en: 'Status of my request', hi: 'मेरे आवेदन की स्थिति' },
      help: { en: 'Type or scan the reference number from your receipt.', hi: 'अपनी रसीद की संदर्भ संख्या टाइप या स्कैन करें।' },
      fields: [{ name: 'reference', type: 'reference', required: true, label: { en: 'Reference number', hi: 'संदर्भ संख्या' }, rule: { en: 'As printed on your receipt, e.g. KE-DLS-261126-00042', hi: 'जैसा रसीद पर छपा है, जैसे KE-DLS-261126-00042' } }],
    },
  ];
}

/** Every config.timelines key the catalogue refers to (checked at start-up). */
export function timelineKeys(catalogue: readonly ServiceSpec[]): string[] {
  const keys = new Set<string>();
  for (const s of catalogue) {
    if (s.timeline) keys.add(s.timeline);
    for (const f of s.fields) if (f.type === 'enum') for (const o of f.options) if (o.timeline) keys.add(o.timeline);
  }
  return [...keys];
}
