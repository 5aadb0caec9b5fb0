import type { CountryCode, NtbRegencyCode } from '../regions.js';

/**
 * The names people write that the official gazetteer does not hold: regency short forms and
 * spellings, the islands, and the destinations. Keys are written as the reader normalises text
 * (lower case, no accents, apostrophes dropped, anything else between words one space); a key with
 * several words also matches written together ("lomboktimur").
 */

const LOMBOK: NtbRegencyCode[] = ['5201', '5202', '5203', '5208', '5271'];
const SUMBAWA_ISLAND: NtbRegencyCode[] = ['5204', '5205', '5206', '5207', '5272'];
const ALL: NtbRegencyCode[] = [...LOMBOK, ...SUMBAWA_ISLAND];

/** Directions as people write them after "Lombok" and "Sumbawa" (Sasak ends "timur" with q or k). */
const WEST = ['barat', 'brt', 'bar', 'brat', 'barad'];
const CENTRE = ['tengah', 'tgh', 'teng', 'tngh', 'tenga', 'tengaq'];
const EAST = ['timur', 'tmr', 'tim', 'timor', 'timuq', 'timuk', 'tmur', 'timr'];
const NORTH = ['utara', 'utr', 'utra', 'otara'];
const LOMBOK_SPELLINGS = ['lombok', 'lombo', 'lobok', 'lombk', 'lmbk', 'lomboq'];
const SUMBAWA_SPELLINGS = ['sumbawa', 'sumbwa', 'sumbawah', 'sumbaw', 'smbw'];
const KAB = ['kab', 'kabupaten', 'kabupaen', 'kb'];

function both(first: string[], second: string[]): string[] {
  return first.flatMap((a) => second.map((b) => `${a} ${b}`));
}

/** Names that say one regency (or, where the name itself is shared, the regencies it may be). */
export const REGENCY_NAMES: ReadonlyArray<readonly [string[], NtbRegencyCode[]]> = [
  [['lobar', 'lombar', ...both(LOMBOK_SPELLINGS, WEST)], ['5201']],
  [['loteng', 'lotenk', ...both(LOMBOK_SPELLINGS, CENTRE)], ['5202']],
  [['lotim', 'lotem', 'lotimur', ...both(LOMBOK_SPELLINGS, EAST)], ['5203']],
  [['klu', ...both(LOMBOK_SPELLINGS, NORTH)], ['5208']],
  [['ksb', ...both(SUMBAWA_SPELLINGS, WEST)], ['5207']],
  // "Sumbawa" alone is the regency (5204); Sumbawa Besar is its capital.
  [[...SUMBAWA_SPELLINGS, 'sumbawa besar', 'sumbawa bsr', 'sumbawa bsar', ...both(KAB, ['sumbawa'])], ['5204']],
  [['dompu', 'dompo', 'dompuh', 'dompuu'], ['5205']],
  // "Bima" alone and "Mbojo" (its people's own name) may be the regency or the city: both.
  [['bima', 'mbojo', 'dana mbojo'], ['5206', '5272']],
  [both(KAB, ['bima', 'mbojo']), ['5206']],
  [['kota bima', 'kot bima', 'kt bima', 'kodya bima'], ['5272']],
  // "Mataram alone usually means Kota Mataram" (DOMAIN.md).
  [['mataram', 'kota mataram', 'mtaram', 'matarm', 'mataran', 'kt mataram', 'kodya mataram'], ['5271']],
];

/** Names that cover several regencies without choosing: they never decide, but never contradict within. */
export const BROAD_NAMES: ReadonlyArray<readonly [string[], NtbRegencyCode[], string]> = [
  [[...LOMBOK_SPELLINGS, 'pulau lombok', 'gumi sasak', 'gumi lombok'], LOMBOK, 'pulau Lombok'],
  [['pulau sumbawa', 'tana samawa', 'samawa'], ['5204', '5207'], 'Tana Samawa'],
  [['ntb', 'nusa tenggara barat', 'ntb nusa tenggara barat'], ALL, 'NTB'],
];
export const SUMBAWA_ISLAND_REGENCIES = SUMBAWA_ISLAND;

/**
 * Official names that are also everyday words, or that name a better known place elsewhere. They
 * count only where the text makes them a place (see read-places.ts): common words after "dari",
 * "asal", "desa", "kec" and the like; places elsewhere only after "desa", "kec", "kel", "dusun"
 * (people come "dari Kediri" or "dari Surabaya" in Java, not from the villages of those names).
 */
export const COMMON_WORDS = new Set([
  // kecamatan
  'alas', 'alas barat', 'tanjung', 'lembar', 'empang', 'kempo', 'kilo', 'raba', 'pekat', 'sanggar', 'utan', 'lape',
  'gangga', 'kayangan', 'pemenang', 'belo', 'bolo', 'bayan', 'sape', 'luk',
  // desa/kelurahan names that are words people write in a complaint
  'adu', 'anyar', 'bada', 'bajo', 'bakan', 'bala', 'banda', 'bara', 'baru', 'beber', 'bengkel', 'beru', 'boke', 'bonder',
  'bre', 'dalam', 'danger', 'dara', 'dadap', 'dena', 'dore', 'durian', 'ganti', 'gapura', 'gelora', 'goa', 'golong',
  'gondang', 'hijrah', 'jago', 'jala', 'jambu', 'jamu', 'jia', 'kabar', 'kabul', 'kala', 'kara', 'karama', 'keli',
  'kumbang', 'kilang', 'kodo', 'kolo', 'kore', 'kuang', 'laju', 'lampe', 'lando', 'lanta', 'lasi', 'lere', 'leu',
  'lido', 'luar', 'mama', 'maman', 'mandala', 'mande', 'mangge', 'maria', 'mata', 'matua', 'mungkin', 'mura', 'nata',
  'nae', 'nipa', 'nisa', 'padesa', 'pai', 'pakuan', 'panda', 'pandai', 'pane', 'pela', 'pelat', 'pemasar', 'pene',
  'pesa', 'pukat', 'punti', 'rada', 'rade', 'ragi', 'rato', 'renda', 'risa', 'roi', 'roka', 'rupe', 'saba', 'sai',
  'salut', 'sampe', 'santi', 'sari', 'sayang sayang', 'selat', 'semaya', 'sepakat', 'sie', 'simu', 'soki', 'soro',
  'sumi', 'tangga', 'tapir', 'tatar', 'tebo', 'teduh', 'teke', 'teko', 'telaga', 'tenga', 'tengah', 'tepas', 'timu',
  'tumpu', 'tumpak', 'ule', 'waro', 'wora', 'woro', 'lembuak', 'bajur', 'gemel', 'mujur', 'moyo', 'poto', 'potu',
  'boro', 'ledang', 'mantar', 'mantun', 'toya', 'kekait', 'sepit', 'pendem', 'suka damai', 'mekar sari', 'taman sari',
  'batu putih', 'pasir putih', 'karang baru', 'dasan baru', 'tanah putih', 'bukit damai', 'suka mulya', 'jaya makmur',
  'banyu urip', 'taman baru', 'taman indah', 'pandan indah', 'nusa jaya', 'baka jaya', 'anamina',
]);

export const ELSEWHERE = new Set([
  'kediri', 'surabaya', 'surabaya utara', 'bali', 'malaka', 'bintaro', 'senayan', 'kuta', 'mandalika', 'darussalam',
  'babussalam', 'jatiwangi', 'kuranji', 'ubung', 'melayu', 'bugis', 'banjar', 'banjarsari', 'bukittinggi',
  'tambora', 'kalijaga', 'sukadana', 'sukaraja', 'sukamaju', 'kertasari', 'kemuning', 'pagutan', 'selaparang',
  'cilinaya', 'tanjung karang', 'labuhan bajo', 'labuan bajo', 'mujahiddin', 'darmasari', 'jagaraga', 'pancor',
]);

/** Words after which a place is named as the worker's home ("asal Sakra", "dari desa ..."). */
export const HOME_CUES = new Set(['dari', 'dr', 'asal', 'asalnya', 'asalx', 'alamat', 'kampung', 'kampong', 'kp', 'tinggal', 'warga', 'penduduk', 'orang', 'org', 'dou']);
/** Words that say the next name is a kecamatan or a village: these make even a name known elsewhere a place. */
export const AREA_CUES = new Set(['desa', 'ds', 'dsa', 'dusun', 'dsn', 'kelurahan', 'kel', 'kec', 'kecamatan', 'kcmtn', 'kecmatan', 'camat']);
/** Words that may stand between a cue and the name ("asal saya dari desa Rempung"). */
export const FILLERS = new Set(['saya', 'sy', 'aku', 'kami', 'kita', 'dia', 'anak', 'suami', 'istri', 'kk', 'di', 'dari', 'dr', 'daerah', 'wilayah', 'dkt', 'dekat', 'nya', 'yg', 'yang', 'ya', 'pak', 'bu', 'kab', 'kabupaten', ...AREA_CUES]);
/**
 * Words after which a place names an office, a company or a station, not a home: "BP3MI Mataram",
 * "PT Lombok Jaya", "bandara Lombok".
 */
export const NOT_HOME_BEFORE = new Set([
  'bp3mi', 'bp2mi', 'p4mi', 'kp2mi', 'disnaker', 'disnakertrans', 'dinas', 'ltsa', 'upt', 'kantor', 'polda', 'polres', 'polsek',
  'bandara', 'bandar', 'pelabuhan', 'terminal', 'pt', 'cv', 'agen', 'agensi', 'agency', 'pjtki', 'p3mi', 'rs', 'rsud', 'hotel',
  'universitas', 'unram', 'bank', 'jalan', 'jln', 'jl', 'lewat', 'via', 'transit',
]);

/** Destinations as written (DOMAIN.md), and the other countries a worker may name. */
/** Places elsewhere whose names hold an NTB name ("Tanjung Priok" is not kecamatan Tanjung): read as nothing. */
export const OUTSIDE_PLACES = [
  'tanjung priok', 'tanjung perak', 'tanjung pinang', 'tanjungpinang', 'tanjung balai', 'tanjung pelepas', 'tanjung emas',
  'labuan bajo', 'kuta bali', 'kediri jawa timur', 'kediri jatim', 'surabaya jawa timur',
];

export const COUNTRY_NAMES: ReadonlyArray<readonly [CountryCode, string[]]> = [
  ['SA', [
    'arab', 'saudi', 'arab saudi', 'saudi arabia', 'saudia', 'ksa', 'riyadh', 'riyad', 'riadh', 'riyat', 'jeddah', 'jedah', 'jiddah',
    'jedda', 'dammam', 'damam', 'dammam', 'mekkah', 'mekah', 'makkah', 'mecca', 'makah', 'madinah', 'medinah', 'madina',
    'taif', 'thaif', 'abha', 'jazan', 'jizan', 'tabuk', 'qassim', 'qasim', 'buraidah', 'khobar', 'al khobar', 'najran',
    'yanbu', 'jubail', 'khamis mushait',
  ]],
  ['MY', [
    'malaysia', 'malaysya', 'malaisia', 'malaysi', 'malasia', 'malaysiya', 'msia', 'msya', 'mlysia', 'malingsia', 'negeri jiran',
    'johor', 'johor bahru', 'johor baru', 'johor bharu', 'jb', 'sabah', 'sarawak', 'serawak', 'kuching', 'kota kinabalu',
    'tawau', 'sandakan', 'lahad datu', 'keningau', 'miri', 'bintulu', 'sibu', 'kl', 'kuala lumpur', 'kualalumpur', 'penang',
    'pulau pinang', 'selangor', 'slangor', 'shah alam', 'klang', 'petaling jaya', 'pahang', 'kuantan', 'ipoh', 'kedah',
    'perlis', 'kelantan', 'terengganu', 'trengganu', 'negeri sembilan', 'seremban', 'melaka', 'putrajaya', 'labuan',
    'cameron highlands', 'semenanjung',
  ]],
  ['HK', ['hongkong', 'hong kong', 'hk', 'kowloon', 'hongkok']],
  ['TW', ['taiwan', 'taiwn', 'taipei', 'taipe', 'taichung', 'kaohsiung', 'tainan', 'taoyuan', 'hsinchu', 'changhua']],
  ['SG', ['singapura', 'singapore', 'singapur', 'spore']],
  ['BN', ['brunei', 'brunai', 'brunei darussalam', 'bandar seri begawan']],
  ['JP', ['jepang', 'japan', 'tokyo', 'osaka', 'nagoya', 'yokohama']],
  ['KR', ['korea', 'korea selatan', 'korsel', 'seoul', 'busan']],
  ['AE', ['uea', 'uae', 'uni emirat arab', 'emirat arab', 'emirates', 'dubai', 'abu dhabi', 'abudhabi', 'sharjah', 'ajman']],
  ['XX', ['qatar', 'doha', 'kuwait', 'oman', 'muscat', 'bahrain', 'yordania', 'turki', 'polandia']],
];

// The numbered list of the question lives apart (choices.ts): the messages need it at every cold start, the reader only on a report's text.
export { REGENCY_CHOICES } from './choices.js';
