package extract

import (
	"regexp"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// The rules' patterns are compiled on first use, not when the package
// loads: the PDF worker and the other commands link this package but never
// extract, and start faster for not compiling its hundred patterns (issue
// 18). Every way in — New, Extract, Read, Split, Text — calls compileRules.
var compileOnce sync.Once

func compileRules() { compileOnce.Do(compileAll) }

func compileAll() {
	// Patterns kept beside the code that reads them.
	compileEvidence()
	compileMoments()
	compileOCRMend()
	compileStateOffice()
	compileInsideAddress()
	// authorities.go
	stateCourtRe = regexp.MustCompile(`(?i)(?:state|commonwealth)\s+of\s+(` + alternation(usStates) + `)\b|(?:superior|circuit|district|county|municipal|supreme)\s+court[^\n]{0,60}?\b(` + alternation(usStates) + `)\b|\b(` + alternation(usStates) + `)\s+(?:superior|circuit|state|county)\s+court`)
	federalRe = regexp.MustCompile(`(?i)united\s+states\s+code|united\s+states\s+(?:district|magistrate|bankruptcy)\s+court|\bU\.?\s?S\.?\s+district\s+court|federal\s+bureau\s+of\s+investigation|\bFBI\b|department\s+of\s+justice|united\s+states\s+attorney|U\.S\.\s+attorney|drug\s+enforcement\s+administration|homeland\s+security|secret\s+service|grand\s+jury|\b\d{1,2}\s*U\.?\s*S\.?\s*C\b`)
	federalCourtRe = regexp.MustCompile(`(?i)united\s+states\s+(?:district|magistrate|bankruptcy)\s+court|\bU\.\s?S\.\s+district\s+court|united\s+states\s+court\s+of\s+appeals|foreign\s+intelligence\s+surveillance\s+court`)
	euRe = regexp.MustCompile(`(?i)regulation\s+\(eu\)\s+2023/1543|european\s+(?:production|preservation)\s+order`)
	euStateRe = regexp.MustCompile(`(?i)(?:issuing\s+(?:member\s+)?state|member\s+state|country)\s*:?\s*(` + alternation(euStates) + `)\b`)
	euAnyStateRe = regexp.MustCompile(`(?i)\b(` + alternation(euStates) + `)\b`)
	ukRe = regexp.MustCompile(`(?i)overseas\s+production\s+order|crown\s+court|united\s+kingdom|\bUK\b|england\s+and\s+wales|metropolitan\s+police\s+service|police\s+scotland|national\s+crime\s+agency|magistrates'\s+court`)
	canadaRe = regexp.MustCompile(`(?i)criminal\s+code[, ]+(?:s\.|section)\s*487|\bcanada\b|ontario\s+court|royal\s+canadian\s+mounted\s+police|\bRCMP\b|court\s+of\s+king's\s+bench|province\s+of\s+(?:ontario|quebec|british\s+columbia|alberta)`)
	euCodeRe = regexp.MustCompile(`(?i)issuing\s+(?:member\s+)?state[^\n]{0,40}?\((?-i:([A-Z]{2}))\)`)
	localAgencyRe = regexp.MustCompile(`(?i)\b(?:police\s+department|sheriff|county|township|borough|city\s+of|state\s+police|highway\s+patrol|state\s+patrol|department\s+of\s+public\s+safety|district\s+attorney|prosecutor'?s\s+office|state\s+attorney|attorney\s+general|police\s+dep(?:artmen)?t|\bpd\b)`)
	federalSenderRe = regexp.MustCompile(`(?i)federal\s+bureau|\bFBI\b|drug\s+enforcement|department\s+of\s+(?:justice|homeland|the\s+treasury)|u\.s\.\s+attorney|united\s+states\s+(?:attorney|district|secret|postal|marshals)|homeland\s+security|internal\s+revenue|immigration\s+and\s+customs|federal\s+trade`)
	closingRe = regexp.MustCompile(`(?i)^\s*(?:sincerely|regards|kind\s+regards|best\s+regards|respectfully|thank\s+you|thanks|yours\s+(?:truly|faithfully|sincerely)|very\s+truly\s+yours|mit\s+freundlichen|cordialement|atentamente|cordiali\s+saluti|met\s+vriendelijke)\b`)
	stateZipRe = regexp.MustCompile(`\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\b`)
	stateNameRe = regexp.MustCompile(`(?i)\b(` + alternation(usStates) + `)\b[ ,]*\d{5}\b`)
	countryCues = []struct {
		code string
		re   *regexp.Regexp
	}{
		{"CN", regexp.MustCompile(`(?i)people's\s+republic\s+of\s+china|ministry\s+of\s+public\s+security|\bof\s+china\b|中华人民共和国|公安部`)},
		{"HK", regexp.MustCompile(`(?i)hong\s+kong|\bHKSAR\b`)},
		{"RU", regexp.MustCompile(`(?i)russian\s+federation|Российской\s+Федерации|Российская\s+Федерация|Роскомнадзор|roskomnadzor`)},
		{"IN", regexp.MustCompile(`(?i)republic\s+of\s+india|government\s+of\s+india|\bindian\s+penal\s+code|code\s+of\s+criminal\s+procedure,\s+1973`)},
		{"BR", regexp.MustCompile(`(?i)república\s+federativa\s+do\s+brasil|\bbrasil\b|\bbrazil\b`)},
		{"AU", regexp.MustCompile(`(?i)\baustralia(?:n)?\s+federal\s+police|commonwealth\s+of\s+australia|\baustralia\b`)},
		{"TR", regexp.MustCompile(`(?i)republic\s+of\s+t(?:ü|u)rkiye|republic\s+of\s+turkey`)},
		{"KR", regexp.MustCompile(`(?i)republic\s+of\s+korea`)},
		{"JP", regexp.MustCompile(`(?i)\bjapan(?:ese)?\s+(?:police|national\s+police)|\bjapan\b`)},
		{"EU-ES", regexp.MustCompile(`(?i)guardia\s+civil|policía\s+nacional|\bspain\b|\bespaña\b|spanish\s+law`)},
		{"EU-DE", regexp.MustCompile(`(?i)bundeskriminalamt|staatsanwaltschaft|\bgermany\b|deutschland`)},
		{"EU-FR", regexp.MustCompile(`(?i)gendarmerie|police\s+nationale|république\s+française|\bfrance\b`)},
		{"EU-NL", regexp.MustCompile(`(?i)\bpolitie\b|openbaar\s+ministerie|\bnetherlands\b`)},
		{"EU-IT", regexp.MustCompile(`(?i)polizia|carabinieri|procura\s+della\s+repubblica|\bitaly\b`)},
	}
	courtLineRe = regexp.MustCompile(`(?im)^[ \t]*(?:in[ \t]+the[ \t]+|in[ \t]+)?([^\n]{0,60}?\b(?:courts?|tribunal|tribunale|gericht|amtsgericht|landgericht|juzgado|rechtbank|s[aą]d|tingsr[äa]tt|domstol|cour|corte)\b[^\n]{0,80})$`)
	districtRe = regexp.MustCompile(`(?i)^\s*(?:for\s+the\s+|in\s+and\s+for\s+(?:the\s+)?)?((?:northern|southern|eastern|western|middle|central)?\s*district\s+of\s+[a-z .]+|county\s+of\s+[a-z .]+|[a-z .]+\s+county|state\s+of\s+[a-z .]+)`)
	courtOfRe = regexp.MustCompile(`(?i)\b((?:tribunal|court|rechtbank|amtsgericht|landgericht|juzgado|tribunale|procura|parquet|(?:public\s+|chief\s+|state\s+|district\s+|federal\s+|crown\s+)?prosecutor'?s?\s+office|public\s+prosecution\s+service|ministry\s+of\s+justice)[^\n,;]{0,60})`)
	agencyRe = regexp.MustCompile(`(?i)\b(federal\s+bureau\s+of\s+investigation|drug\s+enforcement\s+administration|bureau\s+of\s+alcohol,\s+tobacco,\s+firearms\s+and\s+explosives|homeland\s+security\s+investigations|immigration\s+and\s+customs\s+enforcement|united\s+states\s+secret\s+service|u\.s\.\s+secret\s+service|internal\s+revenue\s+service[^\n]{0,25}?criminal\s+investigation|internal\s+revenue\s+service|(?:united\s+states\s+|u\.s\.\s+)?postal\s+inspection\s+service|(?:united\s+states|u\.s\.)\s+marshals\s+service|federal\s+trade\s+commission|securities\s+and\s+exchange\s+commission|federal\s+communications\s+commission|consumer\s+financial\s+protection\s+bureau|office\s+of\s+(?:the\s+)?inspector\s+general|national\s+crime\s+agency|metropolitan\s+police\s+service|police\s+scotland|royal\s+canadian\s+mounted\s+police|guardia\s+civil|gendarmerie\s+nationale|bundeskriminalamt|(?:(?:cyber\s+security\s+|criminal\s+investigation\s+)?(?:department|bureau|division|directorate)\s+of\s+the\s+)?ministry\s+of\s+(?:public\s+security|the\s+interior|interior|internal\s+affairs|home\s+affairs)|(?-i:(?:\p{Lu}[\p{L}.']+ ){1,4})(?:police\s+department|division\s+of\s+police|bureau\s+of\s+police|department\s+of\s+police|police\s+service|police\s+force|sheriff's\s+office|sheriff's\s+department|county\s+sheriff|state\s+police|highway\s+patrol|constabulary|district\s+attorney's\s+office|attorney\s+general's\s+office|police\s+(?:bureau|station|headquarters)|police))`)
	genericAgencyRe = regexp.MustCompile(`(?i)\b((?:united\s+states|u\.s\.)\s+attorney's\s+office|(?:u\.s\.\s+|united\s+states\s+)?department\s+of\s+(?:justice|homeland\s+security))`)
	agencyAbbrRe = regexp.MustCompile(`\b(FBI|DEA|ATF|HSI|USSS|RCMP|NCA)\b`)
	policeWordRe = regexp.MustCompile(`(?i)polizei|kriminalamt|politie|polizia|polic[ií]a|pol[ií]cia|policj[aię]|polisen|poliisi|garda|gendarmerie|guardia\s+civil|carabinieri|mossos|\bpolice\b|constabulary|sheriff|brigada|jefatura|commissariat|questura|\bbureau\b|\bbiuro\b|\bagency\b|directorate|\bunit\b|\bdivision\b|\bdepartment\b|\boffice\b|\bcommand\b|\bsquad\b|\bservice\b|\bcent(?:re|er)\b|\bstation\b|\bcommission\b|\bministry\b`)
	unitRe = regexp.MustCompile(`(?i)^(?:criminal\s+investigations?(?:\s+division)?|office\s+of\s+(?:the\s+)?inspector\s+general|cyber\s+(?:crime|division)s?(?:\s+unit)?)$`)
	usaoRe = regexp.MustCompile(`(?i)\b(?:united\s+states|u\.s\.)\s+attorney(?:'s\s+office)?[ \t]*(?:,|\n|\s+for\s+the)[ \t]*((?:northern|southern|eastern|western|middle|central)?[ \t]*district\s+of\s+[a-z]+(?:[ \t]+[a-z]+)?)`)
	trailingFor = regexp.MustCompile(`(?i)\s+for(?:\s+the)?$`)
	officeRe = regexp.MustCompile(`(?i)\b(office\s+of\s+international\s+affairs|(?:united\s+states|u\.s\.)\s+attorney's\s+office[^\n]{0,50}|district\s+attorney's\s+office[^\n]{0,40}|(?:state\s+)?attorney\s+general's\s+office|crown\s+prosecution\s+service|office\s+of\s+(?:the\s+)?(?:district\s+attorney|attorney\s+general)[^\n]{0,40})`)
	authorityLabel = regexp.MustCompile(`(?im)^\s*(?:issuing|requesting|competent)\s+(?:judicial\s+)?authority(?:\s+name)?\s*:\s*([^\n]{3,120}(?:\n[^\n:]{2,40}$)?)`)
	embeddedLabel = regexp.MustCompile(`\s+(?:Aktenzeichen|Az\.?|Case\s+No\.?|File\s+No\.?|Tel\.?|Phone|Fax|E-?mail|Notice\s+No\.?|No\.)\s*:?.*$|\s{2,}.*$`)
	notOrgRe = regexp.MustCompile(`(?i)\b(?:reply|refer|dear|subject|date|phone|tel|fax|address|street|avenue|suite|p\.?o\.?\s+box)\b`)
	orgLineRe = regexp.MustCompile(`(?i)\b(?:department|ministry|ministerio|ministère|ministero|bureau|office|division|agency|police|polizei|politie|polizia|pol[ií]c[ií]a|policj[aię]|polisen|gendarmerie|carabinieri|guardia|garda|commission|service|court|tribunal|gericht|prosecutor|procura|parquet|staatsanwaltschaft|fiscal[ií]a|attorney|directorate|station|command|unit|inspector|sheriff|garda|openbaar\s+ministerie|arrondissementsparket|minist[ée]rio\s+p[úu]blico|ministerio\s+p[úu]blico|pubblico\s+ministero|procuradoria|prokuratura|prokuratur)\b|(?:^|[^\p{L}])(?:[åÅ]klagar|ÅKLAGAR)\p{L}*`)
	courtPlaceRe = regexp.MustCompile(`(?i)^(?:for\s+the\s+|in\s+and\s+for\s+(?:the\s+)?|of\s+|at\s+|held\s+at\s+)?(?:(?:northern|southern|eastern|western|middle|central)\s+)?(?:district|county|division|circuit|parish|borough|judicial|comarca|vara|registry|dublin|metropolitan)\b|^(?:county|district|state)\s+of\b|^[\p{L} .'\-]+\s+(?:county|district|division)\b|^\([\p{L} .'\-]+\)$|^\d+(?:st|nd|rd|th|ª|º)\s+(?:vara|district|circuit)|^(?:de|di|du|da|do|del|della|des)\s+[\p{L}'\-]+(?:\s+[\p{L}'\-]+){0,2}$`)
	courtPrepRe = regexp.MustCompile(`(?i)^(?:for\s+the|in\s+and\s+for(?:\s+the)?|of|at|held\s+at|de|di|du|da|do|del|della|des)\b`)
	judgeRules = []labelRule{
		{0.9, regexp.MustCompile(`(?i:printed\s+name\s+and\s+title)\s*:?\s*(?:(?:hon\.|honorable|the\s+honorable)\s+)?` + nameRe + `\s*,?\s*(?i:(?:chief\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:magistrate|district)\s+judge|magistrate\s+judge|judge)`)},
		{0.9, regexp.MustCompile(`(?:Hon\.|HON\.|Honorable|HONORABLE|The Honorable)\s+` + nameRe)},
		{0.85, regexp.MustCompile(`(?:/s/\s*)?` + nameRe + `\s*(?:\n\s*(?:_{3,}\s*\n\s*)?|,\s*)(?i:(?:chief\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:magistrate|district|circuit)\s+judge|(?:superior|circuit|district|county)\s+court\s+judge|judge\s+of\s+the\s+[a-z ]+court|magistrate\s+judge|district\s+judge|circuit\s+judge|justice\s+of\s+the\s+peace|judge)\b`)},
		{0.85, regexp.MustCompile(`\b(?:HHJ|His\s+Honour\s+Judge|Her\s+Honour\s+Judge|(?:Mr|Mrs|Ms)\.?\s+Justice|District\s+Judge|Justice)\s+` + nameRe)},
		{0.8, regexp.MustCompile(`(?i:judge|magistrate)\s*:\s*` + nameRe)},
	}
	judgeNoise = regexp.MustCompile(`(?i)^(?:the|this|a|an|any|said|such|magistrate|district|united|states|judge|court|honorable|signature|printed|name|title|date|city|state|and)$`)
	agentRules = []labelRule{
		{0.85, regexp.MustCompile(`\b(?:Special\s+Agent|SPECIAL\s+AGENT|SA|Task\s+Force\s+Officer|TFO|Detective|Det\.|Investigator|Officer|Sergeant|Sgt\.|Inspector|Trooper|Deputy|Agent|Constable|Cst\.|DC|DS)\s+` + nameRe)},
		{0.8, regexp.MustCompile(`(?i:affiant|requesting\s+officer|officer\s+in\s+charge|contact(?:\s+person)?|point\s+of\s+contact|investigating\s+officer|case\s+agent)\s*:?\s*` + nameRe)},
	}
	contactCueRe = regexp.MustCompile(`(?i)\bcontact|questions|\bagent\b|\bofficer\b|detective|investigator|\be-?mail\s*:|\btel(?:ephone)?\.?\s*(?:no\.?\s*)?:|\btel\.|\bphone\s*:|\bfax\b|\bcall\s+(?:me|us)|\breach\s+(?:me|us)|direct(?:ed)?\s+to|sincerely|regards|prepared\s+by|affiant|inspector|sergeant|\bausa\b|attorney|ansprechpartner|\bkontakt|\bcontacto\b|\bcontato\b|\breferente\b|contactpersoon|handläggare|\b(?:telefon|teléfono|telefono|telefone|téléphone|tél|tlf|puh)\s*[:.]|(?:^|[|·•,;]\s*|\s{2})(?:telefon|teléfono|telefono|telefone|téléphone|telefoon)\s*[+(0-9]|\bcorreo(?:\s+electr[oó]nico)?\s*:|\bmob(?:ile)?\s*[:.]|\breply[- ]to\s*:`)
	recipientRules = []labelRule{
		{0.9, regexp.MustCompile(`(?i:controlled|operated|maintained|held|hosted)\s*,?\s*(?i:or\s+operated\s+)?(?i:by)\s+` + companyWrapRe)},
		{0.9, regexp.MustCompile(`(?im)^\s*(?:to|addressee|recipient|respondent|service\s+provider|addressed\s+to|provider)\s*:\s*([^\n]{3,100})`)},
		{0.85, regexp.MustCompile(`(?m)^\s*(?i:addressee|recipient|respondent|to)[ \t]+` + companyRe)},
		{0.85, regexp.MustCompile(`(?i:custodian\s+of\s+records)\s*,?\s*(?i:for\s+|of\s+|at\s+)?` + companyWrapRe)},
		{0.8, regexp.MustCompile(`(?im)^\s*` + companyRe + `\s*,?\s*$`)},
		{0.75, regexp.MustCompile(`(?i:search|served\s+(?:up)?on|directed\s+to|addressed\s+to|records\s+(?:of|held\s+by|maintained\s+by)|produce(?:d)?\s+by|requir(?:e|ing)|from)\s+` + companyWrapRe)},
		{0.6, regexp.MustCompile(companyWrapRe)},
	}
	companyOnly = regexp.MustCompile(companyRe)
	recipientPrefix = regexp.MustCompile(`(?i)^(?:(?:addressee|respondent|recipient|to|die|der|the|(?:di-?\s*)?rected\s+to|(?:ad-?\s*)?dressed\s+to|attn|attention|custodian\s+of\s+records(?:\s+(?:for|of|at))?|records)\b[\s,:]*)+`)
	legalFormOnly = regexp.MustCompile(`^` + legalForm + `$`)
	addressSkip = regexp.MustCompile(`(?i)^(?:/s/|_{3,}|custodian\s+of\s+records|attn|attention|via\b|by\s+(?:e-?mail|fax|hand|courier|portal)|legal\s+(?:department|compliance|process)|law\s+enforcement|c/o|re:|subject|dear|\[|\(|file\s+no|our\s+ref|your\s+ref|ref(?:erence)?\b|in\s+reply)`)
	// dates.go
	// \b keeps the matcher from trying every byte; a Japanese era date
	// stands after no word boundary and is looked for apart (eraDateRe).
	dateRe = regexp.MustCompile(`(?i)\b` + DatePattern)
	numericDateRe = regexp.MustCompile(`\b(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.|\d{4}-\d{2}-\d{2}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b)`)
	eraDateRe = regexp.MustCompile(`(?:令和|平成)\s*(?:\d{1,2}|元)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`)
	dayOfRe = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+(\p{L}+)\.?,?\s+(\d{4})$`)
	monthDayRe = regexp.MustCompile(`(?i)^(\p{L}+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})$`)
	cjkRe = regexp.MustCompile(`^(\d{4}|(?:令和|平成)\s*(?:\d{1,2}|元))\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	ymdDotRe = regexp.MustCompile(`^(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.$`)
	dayMonthRe = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th|er|\.|°|º)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})$`)
	isoRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	numericRe = regexp.MustCompile(`^(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4}|\d{2})$`)
	spaceFolder = regexp.MustCompile(`\s+`)
	// extract.go
	optionalTime = regexp.MustCompile(`(?i)\b(?:if\s+you\s+(?:wish|want|intend|choose|desire|object|seek|decide)|you\s+may\s+(?:object|challenge|move|petition|file|request|appeal|apply)|wish|desire|challenge|object|right\s+to|petition|motion\s+to|appeal)\b` +
		// the time to appeal or object, in the languages orders come in
		`|\b(?:recursos?|reclamo|ricorso|opposizione|impugnazione|impugnar|beschwerde|rechtsbehelf|einspruch|widerspruch|recours|appel|opposition|contestation|bezwaar|beroep|överklag\p{L}*|zażaleni\p{L}*|odwołani\p{L}*|apela[çc][ãa]o|agravo|embargos)\b`)
	clauseWords = regexp.MustCompile(`(?i)\b(?:ordered|entered|dated|signed|filed|issued|this|day|on|by|before|until|through|from|to)\b`)
	notContentAfter = regexp.MustCompile(`(?i)^[\s-]*(?:address(?:es)?|header|accounts?\b|ids?\b|identifiers?|user\s*names?)`)
	parenRe = regexp.MustCompile(`\([^)]{0,30}\)`)
	postcodeRe = regexp.MustCompile(`\b(?:[A-Z]{2}\s+)?\d{4,6}(?:-\d{4})?\b`)
	// rules.go
	caseNumberRules = []labelRule{
		{0.95, regexp.MustCompile(`\b(\d{1,2}:\d{2}-[A-Za-z]{1,5}-\d{2,7}(?:-[A-Z]{1,5}){0,3})\b`)},
		{0.95, regexp.MustCompile(`\b(NSL\s?[-:.~]\s?\d{2}\s?[-:.~]\s?\d{4,8})\b`)},
		{0.85, regexp.MustCompile(`(?:№|N°|Nº|n°|Nr\.)[ \t]*([\p{L}0-9][\p{L}0-9:./_\-]*\d[\p{L}0-9:./_\-]*)`)},
		// Japanese and Chinese files: "渋刑第1427号".
		{0.8, regexp.MustCompile(`(\p{Han}{1,4}第[ \t]*\d+[ \t]*号)`)},
	}
	issuedRules = []labelRule{
		{0.95, regexp.MustCompile(`(?im)(?:^|  )[ \t]*date\s+and\s+time\s+issued\s*:?\s*(` + DatePattern + `)`)},
		{0.95, regexp.MustCompile(`(?im)(?:^|  )[ \t]*(?:date\s+of\s+(?:issue|issuance|(?:the\s+|this\s+)?(?:order|warrant|subpoena|letter|request|decision|judgment|certificate|notice|demand|summons))|issued\s+on|date\s+issued|issue\s+date|issuance\s+date|made\s+on|ausstellungsdatum|fecha\s+de\s+(?:emisi[oó]n|expedici[oó]n)|date\s+d'[ée]mission|data\s+(?:di|de)\s+emiss[aã]o)\s*:?\s*(` + DatePattern + `)`)},
		{0.9, regexp.MustCompile(`(?i)\b(?:entered|ordered|signed|dated|issued|done|made|given|so\s+ordered)\b[^\n]{0,40}?\bthis\s+(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4})`)},
		// "Dated: June 9, 2025", "Signed at Alexandria, Virginia on 04/22/2025":
		// the label starts its line, so "Executive Order 12333, dated July 30,
		// 2008" in a sentence does not count.
		{0.9, regexp.MustCompile(`(?im)^\s*(?:dated|signed|entered|filed|issued|done|given|made|(?:it\s+is\s+)?(?:so\s+)?ordered)\s*(?:at\s+[\p{L} .,]{2,40}?)?\s*(?:on|this)?\s*[:,]?\s*(` + DatePattern + `)`)},
		// "This warrant was issued on …": the sentence's subject is this paper.
		{0.85, regexp.MustCompile(`(?i)\bthis\s+(?:order|warrant|subpoena|letter|request|notice|demand|summons|certificate)\s+(?:was\s+|is\s+)?(?:issued|made|signed|entered|dated)\s+(?:on\s+)?(` + DatePattern + `)`)},
		{0.85, regexp.MustCompile(`(?im)(?:^|  )[ \t]*(?:dated|signed|entered|filed|issued)\s*:\s*(` + DatePattern + `)`)},
		// "Date:" starting a line; mid-line it dates something else ("IP
		// Address: …, Date: 02/15/2005"). An e-mail's "Sent:" is its date.
		{0.85, regexp.MustCompile(`(?im)^\s*(?:date|sent|datum|fecha|data|verzonden|envoy[ée]|gesendet|date/time)\s*:\s*(?:\p{L}+,?\s+)?(` + DatePattern + `)`)},
		{0.8, regexp.MustCompile(`(?i)\bthis\s+(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+` + monthRe + `,?\s+\d{4})`)},
		// A form's signing line: "Signature: L. Ortega  Date / time: 11/21/2026".
		{0.85, regexp.MustCompile(`(?i)\b(?:signature|signed|firma|unterschrift|assinatura|handtekening)\b[^\n]{0,60}?\bdate(?:\s*/\s*time)?\s*:?\s*(` + DatePattern + `)`)},
		// A German court's opening sentence: "… erlässt … am 2. September
		// 2026 folgenden Beschluss".
		{0.85, regexp.MustCompile(`(?i)\bam\s+(` + DatePattern + `)\s+(?:den\s+)?(?:folgenden|nachstehenden)\s+(?:Beschluss|Beschluß|Durchsuchungsbeschluss)`)},
	}
	deadlineRules = []labelRule{
		{0.9, regexp.MustCompile(`(?i)\b(?:on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|by\s+no\s+later\s+than|at\s+the\s+latest\s+(?:on|by)|(?:bis\s+)?spätestens\s+(?:am|bis\s+(?:zum)?|bis\s+zum|\b)|au\s+plus\s+tard\s+le|a\s+más\s+tardar\s+el|entro\s+(?:e\s+non\s+oltre\s+)?il|uiterlijk\s+(?:op\s+)?|senast\s+(?:den\s+)?|até\s+(?:o\s+dia\s+)?)\s*(?:the\s+)?(?:\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\([^)\n]{0,40}\)\s*)?(?:on\s+)?)?(` + DatePattern + `)`)},
		{0.9, regexp.MustCompile(`(?i)\b(?:return\s+date|response\s+date|due\s+date|deadline|respond\s+by|reply\s+(?:requested\s+)?by|production\s+date|compliance\s+date|date\s+(?:and\s+time\s+)?(?:the\s+(?:documents|records|information)\s+must\s+be\s+(?:available|produced|provided)|of\s+(?:appearance|compliance|production|return))|time\s+for\s+compliance|date\s+for\s+(?:compliance|production|return|response)|responses?\s+(?:is\s+)?due(?:\s+(?:on|by))?|r[ée]ponse\s+attendue|date\s+limite|fecha\s+l[íi]mite|data\s+limite|termine\s+ultimo|uiterste\s+datum|sista\s+dag|antwort\s+bis|frist|plazo|prazo|termine|termijn)\b[^\n]{0,30}?(?:\s(?:is|ist|es|é|est)\s+|:\s*|\s)(` + DatePattern + `)`)},
		{0.85, regexp.MustCompile(`(?i)\bdate\s+and\s+time\s*:\s*(` + DatePattern + `)`)},
		// "YOU ARE COMMANDED to appear … on the 1st day of September, 2026":
		// a subpoena's date of appearance, in the same sentence (deadline
		// checks).
		{0.85, regexp.MustCompile(`(?i)\b(?:appear|comparecer|erscheinen|comparaître|comparire)\b[^;]{0,260}?\bon\s+(?:the\s+)?(` + DatePattern + `)`)},
		{0.75, regexp.MustCompile(`(?i)\b(?:before|by|until|by\s+(?:the\s+)?close\s+of\s+business(?:\s+on)?|bis\s+(?:zum|spätestens)|avant\s+le|antes\s+del?|do\s+dnia|hasta\s+el(?:\s+d[íi]a)?)\s+(?:\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\([^)\n]{0,40}\)\s*|[a-z]{2,5}\s+)?on\s+)?(` + DatePattern + `)`)},
	}
	dataCues = []struct {
		category string
		re       *regexp.Regexp
	}{
		{app.DataSubscriber, regexp.MustCompile(`(?i)subscriber\s+(?:information|info|records|data|details)|basic\s+subscriber|subscriber\s+data`)},
		{app.DataSubscriber, regexp.MustCompile(`(?i)\bnames?,\s+(?:postal\s+)?address(?:es)?|length\s+of\s+service|means\s+and\s+source\s+of\s+payment|account\s+holder|toll\s+billing`)},
		{app.DataSubscriber, regexp.MustCompile(`(?i)2703\s*\(c\)\s*\(2\)|registration\s+(?:information|details|data)|registered\s+(?:name|e-?mail|details|information|to)|(?:name|e-?mail\s+address|postal\s+address|date\s+of\s+birth)[^.;]{0,40}\bregistered|identity\s+of\s+the\s+(?:user|subscriber|account\s+holder|person)`)},
		{app.DataNonContent, regexp.MustCompile(`(?i)transactional\s+records|\blogs?\b|login|log-in|non-content|traffic\s+data|metadata`)},
		{app.DataNonContent, regexp.MustCompile(`(?i)ip\s+address(?:es)?\s+(?:history|used|assigned|logs?)|ip\s+history|connection\s+(?:records|data)|header\s+information|records\s+of\s+session|session\s+times|call\s+detail|dialing,\s+routing|routing,\s+addressing|toll\s+records|2703\s*\(c\)\s*\(1\)|device\s+identifiers`)},
		{app.DataContent, regexp.MustCompile(`(?i)\bcontents?\s+of\s+(?:all\s+|any\s+)?(?:e-?mails?|messages|communications|the\s+account|files|wire|electronic)|content\s+of\s+(?:e-?mails?|messages|communications)|\bcontent\s+data\b|message\s+content|communications?\s+content`)},
		{app.DataContent, regexp.MustCompile(`(?i)stored\s+(?:files|communications|content)|(?:all|any)\s+(?:e-?mails?|messages|photos|photographs|videos|chats|posts|private\s+messages|direct\s+messages)`)},
		{app.DataPreservation, regexp.MustCompile(`(?i)\bpreserv(?:e|ation|ing)\b`)},
	}
	negation = regexp.MustCompile(`(?i)\b(?:not|no|nor|exclud(?:e|ing)|other\s+than|except|without)\b[^.;]{0,120}$`)
	legalBasisRe = regexp.MustCompile(`(?i)\b(\d{1,2})\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?\s*)?(?:§+|sec(?:tion|s)?\.?|ss\.?)?\s*(\d{2,5}[a-z]?)((?:\s?\([0-9a-zA-Z]{1,4}\))*)` +
		`|\bRegulation\s+\(EU\)\s+(?:No\s+)?\d{4}/\d{1,4}` +
		`|\bCrime\s+\(Overseas\s+Production\s+Orders\)\s+Act\s+2019` +
		`|\bCriminal\s+Code[, ]+(?:s\.|section)\s*487\.\d{2,4}` +
		`|\b(?:Fed\.?\s*R\.?\s*Crim\.?\s*P\.?|Federal\s+Rules?\s+of\s+Criminal\s+Procedure)\s*(?:Rule\s*)?\d+` +
		`|\bPenal\s+Code\s+(?:§+|section)\s*\d+(?:\.\d+)?` +
		`|\bExecutive\s+Order\s+12333|\bE\.\s*O\.\s*12333`)
	ndoOrdered = regexp.MustCompile(`(?i)(?:ordered|commanded|directed|shall)\b[^.]{0,120}?\bnot\s+(?:to\s+)?(?:disclose|notify|reveal)|prohibited\s+from\s+disclos|(?:shall|must|will|may)\s+not\.?\s+(?:be\s+)?disclose[ds]?|(?:shall|must|may)\s+not\.?\s+(?:notify|inform|tell)|nondisclosure\s+(?:order|requirement|provision)|non-\s?disclosure\s+(?:order|requirement)|2705\s*\(b\)|2709\s*\(c\)|3123\s*\(d\)`)
	ndoRequested = regexp.MustCompile(`(?i)(?:request(?:ed|s)?|ask(?:ed|s)?)\s+(?:that\s+)?(?:you\s+)?(?:(?:do\s+)?not\s+(?:to\s+)?(?:disclose|notify|inform|tell|alert)|refrain\s+from\s+(?:disclosing|notifying|informing))|please\s+do\s+not\s+(?:disclose|notify)|please\s+refrain\s+from\s+(?:disclosing|notifying|informing|telling)|(?:request(?:ed|s)?|ask(?:ed|s)?)\s+that\s+[^.]{0,60}?\bnot\s+be\s+(?:notified|informed|told|alerted)|confidential(?:ity)?\s+(?:is\s+)?requested|(?:kindly|please)\s+(?:keep|treat)\s+[^.]{0,40}\bconfidential|kindly\s+do\s+not\s+(?:disclose|notify|inform)|(?:il\s+vous\s+est\s+demand[ée]|nous\s+vous\s+demandons|vous\s+[êe]tes\s+pri[ée]s?)\s+de\s+ne\s+pas\s+(?:informer|divulguer|r[ée]v[ée]ler|aviser)|si\s+prega\s+di\s+non\s+(?:informare|comunicare|dare\s+notizia)|se\s+(?:le\s+)?(?:ruega|solicita|pide)\s+(?:que\s+)?no\s+(?:informe|comunique)|solicita-se\s+que\s+n[ãa]o\s+(?:informe|comunique)|bitten\s+(?:wir\s+)?(?:Sie\s+)?[^.]{0,40}\bnicht\s+zu\s+(?:informieren|unterrichten)`)
	ndoDays = regexp.MustCompile(`(?i)\bfor\s*(?:a\s+period\s+of\s+)?(\d{1,4}|one|two|three|ninety|sixty|thirty)\s*(?:\(\d+\)\s*)?(days?|years?|months?)`)
	ndoUntil = regexp.MustCompile(`(?i)(?:until|through)\s+(` + DatePattern + `)`)
	ndoBasis = regexp.MustCompile(`(?i)(?:18\s*U\.?\s*S\.?\s*C\.?\s*(?:§+\s*)?)?(2705\s*\(b\)|2709\s*\(c\)|3123\s*\(d\)|3511)`)
	emergencyRe = regexp.MustCompile(`(?i)danger\s+of\s+death\s+or\s+serious\s+(?:physical|bodily)\s+injury|emergency\s+(?:disclosure|request|case|data\s+request)|imminent\s+(?:threat|danger|risk)|threat\s+to\s+(?:life|the\s+life)|within\s+8\s+hours|2702\s*\((?:b\)\s*\(8|c\)\s*\(4)\)`)
	// targets.go
	emailRe = regexp.MustCompile(`(?i)\b[\p{L}0-9][\p{L}0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}\b`)
	phoneRe = regexp.MustCompile(`\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}\b|\b00[1-9]\d{0,2}[\s.\-]\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}\b|(?:\b1[\s.\-])?(?:\(\d{3}\)\s?|\b\d{3}(?:-[ \t]?\n?[ \t]?|[\s.]))\d{3}(?:-[ \t]?\n?[ \t]?|[\s.])\d{4}\b|\+\d{8,15}\b`)
	nationalPhoneRe = regexp.MustCompile(`(?:\(0\d{1,4}\)|\b0\d{1,4})(?:(?:[\s\-/]\d{2,4}){2,4}|[\s\-/]\d{6,8})\b|\(\d{2,4}\)\s?\d{4,5}-\d{4}\b`)
	ipv4Re = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	ipv6Re = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]*)`)
	urlRe = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"')\]]+|\b(?:www\.)?(?:facebook|instagram|twitter|x|tiktok|youtube|linkedin|github|reddit|telegram|t|snapchat|discord|vk|wordpress|tumblr|medium)\.(?:com|me|org)/[A-Za-z0-9_.\-/@]+|\b[a-z0-9\-]+\.(?:wordpress|blogspot|tumblr|github)\.(?:com|io)\b`)
	handleRe = regexp.MustCompile(`(?:^|[\s(,;:"])@([A-Za-z0-9_][A-Za-z0-9_.]{1,30})\b`)
	userRe = regexp.MustCompile(`(?i)\b(?:user\s*names?|usernames?|screen\s*names?|handles?|display\s+names?|account\s+names?|gamertags?|login\s+names?|profile\s+names?|nome\s+de\s+usu[aá]rio|nome\s+de\s+utilizador|identifiants?\s+(?:de\s+l['’]\s*)?utilisateur|nombre\s+de\s+usuario|nom\s+d'utilisateur|benutzernamen?s?|nutzernamen?s?|gebruikersnaam|nome\s+utente|ユーザー名)\b(?:[ \t]*(?:[:=：][ \t]*|  +)?|[ \t]*\n[ \t]*)(?:["“'@][ \t]?)?([A-Za-z0-9_.\-]{3,64})`)
	quotedAccountRe = regexp.MustCompile(`(?i)\b(?:account|konto|kontos|nutzerkontos|cuenta|conta|compte|profil|profile|perfil|channel|page)[ \t]*[,"„“'‚«]{1,2}([A-Za-z0-9_.\-]{3,64})["“”'*»]`)
	accountRe = regexp.MustCompile(`(?i)\b(?:account|acct|customer|subscriber|uid|user|profile|channel|page|group|merchant|member|numeric|apple|google|microsoft|facebook|instagram|kundenkonto|konto|kunden|nutzer|benutzer|cuenta|usuario|utente|utilisateur|gebruikers?|conta)[ \t]*[-‐]?[ \t]*(?:ids?\b|identifiers?\b|numbers?\b|no\b\.?|#|nummer|kennung|nr\b\.?)[ \t]*(?:\(s\)[ \t]*)?[:=#]?[ \t]*([A-Za-z0-9][A-Za-z0-9\-_.]{3,63})`)
	accountShapeRe = regexp.MustCompile(`(?i)\baccounts?[ \t]+(?:ids?[ \t]*:?[ \t]*)?((?-i:[A-Z]{1,5}-[A-Z0-9\-]*\d[A-Z0-9\-]*)|\d{3,}(?:-\d{2,})+|\d{7,})\b`)
	andIDRe = regexp.MustCompile(`^(?:,|\s+and|\s+&|\s+y|\s+und|\s+et|\s+e|\s+en)\s+([A-Za-z0-9][A-Za-z0-9\-_.]{3,63})`)
	deviceRe = regexp.MustCompile(`(?i)\b(IMEI|IMSI|MEID|ICCID|ESN|MAC\s+address|serial\s+number|device\s+id(?:entifier)?|UDID|IDFA|android\s+id|advertising\s+id)\s*(?:number|no\.?)?\s*[:=#]?\s*([0-9A-Za-z][0-9A-Za-z:\-]{5,40})`)
	timeRe = regexp.MustCompile(`(?i)(` + DatePattern + `)[ ,T]*(?:at\s+)?(\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s*(?:UTC|GMT|Z|[ECMP][SD]T|[+\-]\d{2}:?\d{2})?)`)
	targetSectionRe = regexp.MustCompile(`(?i)attachment\s+a|property\s+to\s+be\s+searched|schedule\s+[1a]|target(?:ed)?\s+(?:account|identifier|selector)s?|accounts?\s+(?:associated|identified)\s+(?:with|by)|identifiers?\s*:|selectors?\s*:|data\s+subject|user\s+concerned|section\s+[cd]\b`)
	citationRe = regexp.MustCompile(`(?i)(?:U\.?\s*S\.?\s*C\.?|§|section|sec\.|rule|code|act|regulation|part)\s*$`)
	caseLikeRe = regexp.MustCompile(`^\d{1,2}:\d{2}-`)
	// text.go
	blankRun = regexp.MustCompile(`[ \t\x{00A0}]+`)
	dateBreak = regexp.MustCompile(`\b(\d{4}-\d{1,2}-|\d{1,2}-\d{1,2}-)[ \t]*\n[ \t]*(\d{1,2}\b|\d{4}\b)`)
	hyphenBreak = regexp.MustCompile(`(\p{Ll})-\n(\p{Ll})`)
	ocrToken = regexp.MustCompile(`[^\s,;()"]+`)
	ocrSegment = regexp.MustCompile(`[A-Za-z0-9|]+`)
	ocrLineMarks = regexp.MustCompile(`(?m)^[_\-—'‘’"“,.;:|~*•]+\s*(\p{L})`)
	ocrSplitEmail = regexp.MustCompile(`([A-Za-z0-9._%+\-]+)!? ?@ ?([a-z0-9\-]+\.[a-z]{2,})`)
	ocrSplitLocal = regexp.MustCompile(`\b([A-Za-z][A-Za-z0-9]*[._\-][A-Za-z0-9._\-]*[A-Za-z]) (\d{1,4}@[a-z0-9])`)
	ocrSplitURL = regexp.MustCompile(`(https?://[A-Za-z0-9\-]+\.) ([a-z0-9\-]+\.[a-z]{2,})`)
	ocrSplitID = regexp.MustCompile(`(^|[^\d\-])(\d{2,6}-\d{2,5}) (\d{1,2}-\d{2,6})($|[^\d\-])`)
	ocrSplitDomain = regexp.MustCompile(`(@[a-z0-9.\-]+\.) ((?:gov|govt|gouv|gob|com|org|net|edu|mil|police|justice|example|info|biz|[a-z]{2})(?:\.[a-z]{2,3})?)\b`)
	ocrSplitDash = regexp.MustCompile(`([0-9A-Za-z]-)(?: ?-)? (\d)|([0-9A-Za-z]-) ?-(\d)`)
	ocrQuoteSpeck = regexp.MustCompile(`([:.]\s*)['‘’"](\d)`)
	ocrDayOne = regexp.MustCompile(`(?i)\b((?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)[|lI](,?\s+\d{4})`)
	ocrDayDigits = regexp.MustCompile(`\b((?i:january|february|march|april|may|june|july|august|september|october|november|december)\s+)([0-9][lIO|]|[lI|][0-9])((?:st|nd|rd|th)?,?\s+\d{4})|\b([0-9][lIO|]|[lI|][0-9])((?:st|nd|rd|th|\.)?\s+(?:day\s+of\s+)?(?i:january|february|march|april|may|june|july|august|september|october|november|december)\b)`)
	ocrSpecks = regexp.MustCompile("(\\d)[~^*'`]+([-/.:])")
}
