// Word lists of named things a shop's customers name, in the six languages: countries (and their main
// cities), payment methods, carriers, gift cards, kinds of home goods, materials, groups of people, sale
// ranges and contact channels. Data only; the matcher is things.ts.

// One kind per block, one thing a line: `id[^parent] Display name: alias, alias, ...`. An alias is
// one or more words (consecutive in the text); a trailing `*` lets its last word take up to three more
// letters (plural and adjective endings: "deutsch*" is deutsche, deutschen, deutscher). `{de nl}` keeps an
// alias to those languages, `{-en}` keeps it out of them: English "island" and "suede", German "sofort",
// "ups" and "Malte", Danish "lille" are everyday words. A parent is a wider thing that covers its
// descendants ("card" and Visa, "furniture" and a sofa, "electronics" and a kettle). A city names its
// country: "nach Wien" is a delivery to Austria. General vocabulary of a home-goods shop's customers, not
// any KB's entries: which countries, methods or products a shop serves is the KB's business.
export const THING_SOURCE = `
country
  EU European Union: eu, european union, europäische union, union européenne, unión europea, europese unie, europæiske union, eu member state*, eu country, eu countries, eu land, eu länder*, eu landen, eu lande*, pays de l ue, pays de l union européenne, países de la ue, país de la ue, ue{fr es}
  AT^EU Austria: austria, austrian, österreich, österreichisch*, autriche, autrichien*, austriaco*, austríaco*, oostenrijk, oostenrijks*, østrig, østrigsk*, wien, vienna, viena, graz, salzburg, linz, innsbruck
  BE^EU Belgium: belgium, belgian, belgien, belgisch*, belgique, belge*, bélgica, belga*, belgië, belgisk*, brussels, brüssel, bruxelles, bruselas, brussel, antwerp, antwerpen, anvers, amberes, ghent, gent, gand, liège, lüttich, bruges, brugge, brügge, leuven, namur, charleroi
  BG^EU Bulgaria: bulgaria, bulgarian, bulgarien, bulgarie, bulgarije
  HR^EU Croatia: croatia, croatian, kroatien, croatie, croacia, kroatië
  CY^EU Cyprus: cyprus, zypern, chypre, chipre, cypern
  CZ^EU Czechia: czechia, czech republic, czech, tschechien, tschechisch*, tchéquie, république tchèque, chequia, república checa, tsjechië, tjekkiet, prague, prag, praha, praga
  DK^EU Denmark: denmark, danish, dänemark, dänisch*, danemark, danois*, dinamarca, danés*, denemarken, deens*, danmark, dansk*, copenhagen, kopenhagen, copenhague, københavn, aarhus, århus, odense, aalborg, ålborg, kolding, esbjerg, vejle, roskilde
  EE^EU Estonia: estonia, estland, estonie
  FI^EU Finland: finland, finnish, finnland, finlande, finlandia, helsinki, helsingfors, espoo, tampere
  FR^EU France: france, french, frankreich, französisch*, français*, francia, francés*, frankrijk, frans*, frankrig, fransk*, paris, lyon, marseille, marseilles, marsella, toulouse, bordeaux, burdeos, lille{-da}, nantes, strasbourg, straßburg, strassburg, estrasburgo, straatsburg, montpellier, rennes
  DE^EU Germany: germany, german, deutschland, deutsch*, allemagne, allemand*, alemania, alemán*, duitsland, duits*, tyskland, tysk*, berlin, hamburg, hambourg, hamburgo, münchen, munich, múnich, köln, cologne, colonia, keulen, frankfurt, francfort, fráncfort, stuttgart, düsseldorf, leipzig, dresden, dresde, hannover, hanover, hanovre, bremen, brême, nürnberg, nuremberg, núremberg, dortmund, bonn
  GR^EU Greece: greece, greek, griechenland, griechisch*, grèce, grec*, grecia, griego*, griekenland, grieks*, grækenland, græsk*, athens, athen, athènes, atenas
  HU^EU Hungary: hungary, hungarian, ungarn, hongrie, hungría, hongarije, budapest
  IE^EU Ireland: ireland, irish, irland, irlande, irlanda, ierland, dublin, dublín
  IT^EU Italy: italy, italian, italien, italienisch*, italie, italia, italiano*, italië, italiaans*, italiensk*, rome, rom{de}, roma, mailand, milano, milán, turin, naples, neapel, venice, venedig
  LV^EU Latvia: latvia, lettland, lettonie, letonia, letland
  LT^EU Lithuania: lithuania, litauen, lituanie, lituania, litouwen
  LU^EU Luxembourg: luxembourg, luxemburg, luxemburgo
  MT^EU Malta: malta, malte{fr}
  NL^EU Netherlands: netherlands, holland, dutch, niederlande, niederländisch*, holländisch*, pays bas, néerlandais*, hollandais*, hollande, países bajos, holanda, holandés*, neerlandés*, nederland, nederlands*, hollands*, nederlandene, nederlandsk*, hollandsk*, amsterdam, rotterdam, den haag, the hague, la haye, la haya, utrecht, eindhoven, groningen, tilburg, nijmegen, maastricht, haarlem, leiden{-de}, arnhem
  PL^EU Poland: poland, polen, pologne, polonia, polnisch*, polonais*, polaco*, pools{nl}, polsk*, warsaw, warschau, varsovie, varsovia, kraków, krakau, cracovie
  PT^EU Portugal: portugal, portuguese, portugiesisch*, portugais*, portugués*, portugees*, portugisisk*, lisbon, lissabon, lisbonne, lisboa, porto, oporto
  RO^EU Romania: romania, rumänien, roumanie, rumanía, roemenië, rumænien
  SK^EU Slovakia: slovakia, slowakei, slovaquie, eslovaquia, slowakije, slovakiet
  SI^EU Slovenia: slovenia, slowenien, slovénie, eslovenia, slovenië, slovenien
  ES^EU Spain: spain, spanish, spanien, spanisch*, espagne, espagnol*, españa, español*, spanje, spaans*, spansk*, madrid, barcelona, barcelone, valencia, sevilla, seville, séville, málaga, bilbao, zaragoza, saragosse, alicante
  SE^EU Sweden: sweden, swedish, schweden, schwedisch*, suède{-en}, suédois*, suecia, sueco*, zweden, zweeds*, sverige, svensk*, stockholm, estocolmo, gothenburg, göteborg, malmö, uppsala
  IS Iceland: iceland, icelandic, island{de nl da}, islande, islandia, ijsland
  LI Liechtenstein: liechtenstein
  NO Norway: norway, norwegian, norwegen, norwegisch*, norvège, norvégien*, noruega, noruego*, noorwegen, noors*, norge, norsk*, oslo, trondheim, stavanger
  AD Andorra: andorra, andorre, andorran*
  MC Monaco: monaco, mónaco
  SM San Marino: san marino, saint marin
  GI Gibraltar: gibraltar
  AX Åland: åland, aland, ahvenanmaa
  RS Serbia: serbia, serbien, serbie, servië, belgrade, belgrad, belgrado
  TR Turkey: turkey, türkei, turquie, turquía, turkije, tyrkiet, istanbul, estambul, ankara
  UA Ukraine: ukraine, ucrania, oekraïne, kyiv, kiev
  AL Albania: albania, albanien, albanie, albanië
  BA Bosnia and Herzegovina: bosnia, bosnien, bosnie, bosnië, sarajevo
  ME Montenegro: montenegro, monténégro
  MK North Macedonia: north macedonia, nordmazedonien, macédoine du nord, macedonia del norte, noord macedonië, nordmakedonien
  MD Moldova: moldova, moldawien, moldavie, moldavia, moldavië, moldova
  CH Switzerland: switzerland, swiss, schweiz, schweizer*, schweizerisch*, suisse*, suiza, suizo*, zwitserland, zwitsers*, schweizisk*, zurich, zürich, zúrich, geneva, genf, genève, ginebra, basel, bâle, basilea, bern, berne, berna, lausanne, luzern
  GB United Kingdom: united kingdom, uk, great britain, britain, british, england, scotland, wales, northern ireland, vereinigtes königreich, großbritannien, britisch*, royaume uni, angleterre, grande bretagne, britannique*, reino unido, inglaterra, gran bretaña, británico*, verenigd koninkrijk, groot brittannië, engeland, brits*, storbritannien, britisk*, london, londres, londen, manchester, birmingham, edinburgh, glasgow, liverpool, leeds, bristol
  US United States: usa, united states, america, american, vereinigte staaten, amerika, états unis, estados unidos, verenigde staten, amerikanisch*, américain*, americano*, amerikaans*, amerikansk*
  CA Canada: canada, kanada, canadian, kanadisch*, canadien*, canadiense*, canadees*, canadisk*
  GL Greenland: greenland, grönland, groenland, groenlandia, grønland
  FO Faroe Islands: faroe islands, faroes, färöer, îles féroé, islas feroe, faeröer, færøerne
  IC Canary Islands: canary islands, canaries, kanarische inseln, kanaren, îles canaries, canarias, islas canarias, canarische eilanden, kanariske øer
payment
  card Card: credit card, debit card, bank card, by card, kreditkarte, debitkarte, ec karte, girocard, bankkarte, per karte, mit karte, carte bancaire, carte de crédit, carte de débit, carte bleue, par carte, tarjeta de crédito, tarjeta de débito, tarjeta bancaria, con tarjeta, creditcard, debitcard, betaalpas, pinpas, bankpas, kreditkort, betalingskort, debetkort
  visa^card Visa: visa
  mastercard^card Mastercard: mastercard, master card
  amex^card American Express: american express, amex
  maestro^card Maestro: maestro{-es}
  dankort^card Dankort: dankort
  paypal PayPal: paypal, pay pal
  klarna Klarna: klarna
  mobilepay MobilePay: mobilepay, mobile pay
  ideal iDEAL: ideal{nl}, with ideal, via ideal, by ideal, mit ideal, per ideal, über ideal, avec ideal, par ideal, con ideal, met ideal, med ideal
  bancontact Bancontact: bancontact, mister cash, mistercash
  applepay Apple Pay: apple pay, applepay
  googlepay Google Pay: google pay, googlepay, gpay
  sepa SEPA: sepa
  debit Direct debit: direct debit, lastschrift, sepa lastschrift, bankeinzug, prélèvement, domiciliation, domiciliación, adeudo directo, incasso, automatische incasso, betalingsservice
  transfer Bank transfer: bank transfer, wire transfer, überweisung, banküberweisung, vorkasse, virement, virement bancaire, transferencia, transferencia bancaria, overschrijving, bankoverschrijving, bankoverførsel
  sofort Sofort: sofort{-de}, sofortüberweisung, sofort überweisung, sofort banking
  giropay giropay: giropay
  swish Swish: swish
  vipps Vipps: vipps
  twint TWINT: twint
  trustly Trustly: trustly
  paysafecard paysafecard: paysafecard
  cod Cash on delivery: cash on delivery, pay on delivery, nachnahme, contre remboursement, paiement à la livraison, contra reembolso, contrareembolso, rembours, onder rembours, efterkrav
  cash Cash: cash{en}, bargeld, barzahlung, espèces, en liquide, efectivo, en metálico, contant, contanten, kontant, kontanter
  crypto Cryptocurrency: crypto, cryptocurrency, bitcoin, kryptowährung, krypto, cryptomonnaie, criptomoneda, cryptovaluta, kryptovaluta
  invoice Pay by invoice: by invoice, on invoice, pay later, auf rechnung, per rechnung, rechnungskauf, op factuur, achteraf betalen, sur facture, par facture, på faktura
carrier
  dhl DHL: dhl
  ups UPS: ups{-de -nl -da}
  gls GLS: gls
  dpd DPD: dpd
  postnord PostNord: postnord, post nord
  fedex FedEx: fedex, fed ex
  tnt TNT: tnt
  bpost bpost: bpost
  postnl PostNL: postnl, post nl
  hermes Hermes: hermes, evri
  deutschepost Deutsche Post: deutsche post, deutschen post
  austrianpost Austrian Post: österreichische post
  swisspost Swiss Post: swiss post
  laposte La Poste: la poste, colissimo
  chronopost Chronopost: chronopost
  mondialrelay Mondial Relay: mondial relay
  seur SEUR: seur
  royalmail Royal Mail: royal mail
  budbee Budbee: budbee
  instabox Instabox: instabox
voucher
  giftcard Gift card: gift card*, giftcard*, e gift card*, gift voucher*, gift certificate*, geschenkkarte*, geschenkgutschein*, geschenkkarten, cadeaukaart*, cadeaubon*, carte cadeau*, cartes cadeau*, bon cadeau*, bons cadeau*, chèque cadeau*, chèques cadeau*, tarjeta regalo, tarjetas regalo, tarjeta de regalo, tarjetas de regalo, cheque regalo, gavekort*
product
  homegoods Home goods: home goods, homeware*, household goods, home accessories, wohnaccessoires, haushaltswaren, wohnartikel, woonaccessoires, huishoudartikelen, boligtilbehør, boligartikler, articles de maison, artículos para el hogar
  textiles^homegoods Home textiles: textile*, home textiles, soft furnishings, heimtextilien, textilien, woontextiel, textiel, tekstil*, boligtekstiler, linge de maison, textil{es}
  curtain^textiles Curtains: curtain*, drape*, vorhang, vorhänge, vorhängen, gardine*, gordijn*, gardin*, rideau*, voilage*, cortina*
  cushion^textiles Cushions: cushion*, kissen, zierkissen, sofakissen, kussen*, sierkussen*, pude*{da}, puder{da}, coussin*, cojín, cojines
  blanket^textiles Blankets and throws: blanket*, throw{en}, throws, throw blanket*, plaid*, decke{de}, decken{de}, wolldecke*, kuscheldecke*, tagesdecke*, deken*, couverture*, manta*{es}
  rug^textiles Rugs: rug{en}, rugs, carpet*, teppich*, vloerkleed, vloerkleden, tapijt*, tæppe*, tapis, alfombra*
  towel^textiles Towels: towel*, handtuch, handtücher, handdoek*, håndklæde*, toalla*
  tablecloth^textiles Table linen: tablecloth*, table linen, napkin*, tischdecke*, tafelkleed*, nappe*{fr}, mantel*{es}
  bedding^textiles Bedding: bedding, bed linen, bedlinen, bed sheet*, fitted sheet*, duvet cover*, bettwäsche, bettbezug*, spannbettlaken*, beddengoed, dekbedovertrek*, hoeslaken*, sengetøj, sengelinned, dynebetræk*, lagen{da}, linge de lit, housse de couette, drap*{fr}, ropa de cama, sábana*, funda nórdica
  duvet^bedding Duvets: duvet*, quilt*, comforter*, bettdecke*, daunendecke*, dekbed, dekbedden, dyne*, couette*, edredón, edredones, nórdico*
  pillow^bedding Pillows: pillow*, kopfkissen, hoofdkussen*, hovedpude*, oreiller*, almohada*
  furniture Furniture: furniture, furnishings, möbel, möbelstück*, meubel*, meubilair, møbel, møbler, meuble*, mueble*, mobiliario
  sofa^furniture Sofas: sofa*, couch*, settee*, corner sofa*, divan*, canapé*, sofá*, zitbank*, bankstel*
  armchair^furniture Armchairs: armchair*, sessel{de}, fauteuil*, lænestol*, sillón, sillones, butaca*
  chair^furniture Chairs: chair*, stuhl, stühle, stoel*, stol{da}, stole{da}, chaise*, silla*
  table^furniture Tables: table{en fr}, tables{en fr}, dining table*, side table*, coffee table*, tisch{de}, tische, esstisch*, couchtisch*, tafel{nl}, tafels{nl}, eettafel*, bord{da}, borde{da}, spisebord*, sofabord*, mesa*
  desk^furniture Desks: desk*, schreibtisch*, bureau{nl}, skrivebord*, escritorio*
  wardrobe^furniture Wardrobes: wardrobe*, kleiderschrank*, schrank{de}, schränke, kledingkast*, garderobekast*, klædeskab*, garderobeskab*, armoire*, armario*
  bed^furniture Beds: bed{en nl}, beds, bed frame*, bedframe*, bett{de}, betten{de}, bettgestell*, bedden{nl}, seng{da}, senge{da}, sengeramme*, cadre de lit, sommier*, cama, camas
  mattress^bed Mattresses: mattress*, matratze*, matras*, madras*, matelas, colchón, colchones
  sideboard^furniture Sideboards and dressers: sideboard*, dresser*, chest of drawers, kommode*, ladekast*, dressoir*, commode*, skænk*, aparador*, cómoda*
  shelf^furniture Shelves: shelf, shelves, shelving, bookcase*, bookshelf, bookshelves, regal{de}, regale{de}, boekenkast*, reol*, hylde*, étagère*, estantería*, estante*
  stool^furniture Stools and benches: stool*, bench*, hocker*, sitzbank*, kruk*{nl}, bænk*, skammel*, tabouret*, taburete*
  kitchenware^homegoods Kitchenware: kitchenware, cookware, küchenutensilien, kochgeschirr, keukengerei, køkkenudstyr, ustensiles de cuisine, utensilios de cocina, menaje
  tableware^kitchenware Tableware: tableware, dinnerware, crockery, dinner set*, geschirr{de}, servies, serviesgoed, spisestel*, vaisselle{fr}, vajilla*
  plate^tableware Plates: plate*, teller{de}, bord{nl}, borden{nl}, tallerken*, assiette*, plato*{es}
  cup^tableware Cups and mugs: cup*, mug*, teacup*, tasse*{de fr}, kopje*, mok*{nl}, beker*{nl}, kop{da}, kopper{da}, krus{da}, taza*
  bowl^tableware Bowls: bowl*, schüssel*, schale{de}, schalen{de}, skål*, bol{fr es}, bols{fr es}, cuenco*
  glassware^tableware Drinking glasses: glasses{en}, wine glass*, drinking glass*, tumbler*, gläser, weinglas*, trinkglas*, glazen{nl}, wijnglas*, vinglas*, verres{fr}, verre à vin, vasos{es}, vaso{es}, copa*{es}
  cutlery^tableware Cutlery: cutlery, besteck, bestek, bestik, couverts{fr}, cubertería*, cubiertos
  cookware^kitchenware Pots and pans: pans, frying pan*, saucepan*, pfanne*, kochtopf*, töpfe, koekenpan*, pan{nl}, pannen{nl}, pande*{da}, gryde*{da}, poêle*{fr}, casserole*{fr}, sartén*, olla*{es}
  decor^homegoods Decor: decor, décor, decoration*, deko, dekoration*, decoratie*, décoration*, decoración*
  vase^decor Vases: vase*, vaas{nl}, vazen{nl}, jarrón*, florero*
  candle^decor Candles: candle*, kerze*, kaars*, stearinlys*, bougie*, vela*{es}
  frame^decor Frames: picture frame*, photo frame*, bilderrahmen*, fotolijst*, billedramme*, cadre photo, cadres photo, marco de fotos, portarretratos
  mirror^decor Mirrors: mirror*, spiegel*, spejl*, miroir*, espejo*
  appliance Large appliances: washing machine*, washer dryer*, tumble dryer*, dryer*{en}, waschmaschine*, wäschetrockner*, trockner*, wasmachine*, wasdroger*, droger*{nl}, lave linge, sèche linge, lavadora*, secadora*, vaskemaskine*, tørretumbler*, oven*{en}, stove*, cooker*, backofen*, herd{de}, fornuis*, cuisinière*, horno*{es}, komfur*, ovn{da}, kühlschrank*, fridge*, refrigerator*, koelkast*, køleskab*, réfrigérateur*, frigo*, nevera*, frigorífico*, dishwasher*, geschirrspüler*, spülmaschine*, vaatwasser*, vaatwasmachine*, opvaskemaskine*, lave vaisselle, lavavajillas, microwave*, mikrowelle*, magnetron{nl}, mikrobølgeovn*, micro ondes, microondas, oven{en nl}, ofen{de}, ovn{da}, four{fr}, horno{es}
  electronics Electronics: electronics, electronic*, electrical appliance*, elektronik*, elektrogerät*, elektronica, elektrisch*{de nl}, elektronisk*, électronique*, appareil électrique, appareils électriques, electrónica*, electrónico*, electrodoméstico*, aparato eléctrico, aparatos eléctricos
  smallelectronics^electronics Small electronics: small electronics, small appliance*, kleingerät*, elektrokleingerät*, kleine apparaten, småt elektronik, petit appareil électrique, petits appareils électriques, pequeños electrodomésticos
  kettle^smallelectronics Kettles: kettle*, wasserkocher*, waterkoker*, elkedel*, kedel*, bouilloire*, hervidor*
  coffee^smallelectronics Coffee machines and grinders: coffee grinder*, coffee machine*, coffee maker*, espresso machine*, kaffeemühle*, kaffeemaschine*, koffiemolen*, koffiezetapparaat*, koffiemachine*, kaffekværn*, kaffemaskine*, moulin à café, moulins à café, machine à café, cafetière*, molinillo*, cafetera*
  speaker^smallelectronics Speakers: speaker*, loudspeaker*, lautsprecher*, højttaler*, enceinte*{fr}, altavoz, altavoces
  lamp^smallelectronics Lamps: lamp*, lampe*, lighting, beleuchtung, leuchte*, verlichting, belysning, luminaire*, éclairage, lámpara*, iluminación
  heater^smallelectronics Heaters: heater*, heizlüfter*, heizgerät*, kachel*{nl}, varmeblæser*, chauffage d appoint, estufa*, calefactor*
  toaster^smallelectronics Toasters: toaster*, broodrooster*, brødrister*, grille pain, tostadora*
material
  stoneware Stoneware: stoneware, steingut, steinzeug, steengoed, stentøj, grès{fr}, gres{es}
  porcelain Porcelain: porcelain, porzellan, porselein, porcelæn, porcelaine, porcelana
  ceramic Ceramics: ceramic*, keramik*, keramiek, céramique*, cerámica*
  glass Glass: glass{en}, glas{de nl da}, verre{fr}, vidrio
  crystal Crystal: crystal, kristall{de}, kristal{nl}, krystal{da}, cristal{fr es}
  wood Wood: wood, wooden, holz, hout{nl}, houten{nl}, træ{da}, bois, madera
  oak^wood Oak: oak, eiche*, eiken*, egetræ, chêne, roble
  metal Metal: metal{en fr es}, metall*, metaal, métal
  leather Leather: leather, leder{de}, læder, cuir, cuero
  linen Linen: linen, leinen, linnen, hør{da}, lin{fr}, lino{es}
  wool Wool: wool*, wolle, wol{nl}, uld{da}, laine, lana{es}
  cotton Cotton: cotton, baumwolle, katoen, bomuld, coton, algodón
  velvet Velvet: velvet, fluweel, fløjl, velours, terciopelo
  marble Marble: marble, marmor, marmer, marbre, mármol
group
  newcustomer First-time customers: first time customer*, new customer*, first order*, first purchase*, welcome discount*, welcome offer*, welcome code*, erste bestellung, ersten bestellung, willkommensrabatt*, eerste bestelling, welkomstkorting, première commande, primera compra, primer pedido, første ordre, første køb, velkomstrabat*, neukunde*, neukundin*, nieuwe klant*, ny kunde, nye kunder, førstegangskunde*, nouveau client, nouveaux clients, nouvelle cliente, nuevo cliente, nuevos clientes, nueva cliente
  student Students: student*, studierende*, schüler*, studerende, étudiant*, estudiante*, universitario*
  senior Seniors: senior*, pensioner*, retiree*, rentner*, pensionist*, gepensioneerd*, pensionär*, retraité*, jubilado*
  teacher Teachers: teacher*, lehrer*, leraar, leraren, lærer*, enseignant*, profesor*{es}
  military Military: military, soldier*, veteran*, soldat*, militär*, militair*, militaire*, militar*
  nurse Healthcare workers: nurse*, krankenschwester*, pflegekraft*, verpleegkundige*, sygeplejerske*, infirmier*, infirmière*, enfermero*, enfermera*
  charity Charities: charity, charities, non profit, ngo, gemeinnützig*, goed doel, goede doelen, velgørenhed*, ong{es fr}
range
  outlet Outlet: outlet*, clearance, used item*, pre owned, preowned, gebrauchte*, gebrauchtware*, tweedehands, gebruikte*, d occasion, de segunda mano, usado*{es}, brugte*, sale item*, on sale, sale price*, reduced item*, sale products, sale range, im sale, sale artikel*, reduzierte artikel*, sale artikelen, afgeprijsd*, in de uitverkoop, article soldé*, articles soldés, en solde*, artículo rebajado*, artículos rebajados, en rebajas, nedsat vare*, nedsatte varer, på udsalg, restposten, uitverkoop, udsalg*, soldes, rebajas, b stock, b ware, refurbished, generalüberholt*, reconditionné*, reacondicionado*, ex display, ausstellungsstück*, showroommodel*, udstillingsmodel*, second hand, tweedehands, segunda mano
channel
  phone Phone: phone, phones, telephone, telephones, telefon, telefonisch, telefoon, telefonisch, téléphone, teléfono, telefono
  whatsapp WhatsApp: whatsapp
  social Social media: instagram, facebook, tiktok
`;
