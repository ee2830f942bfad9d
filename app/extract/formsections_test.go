package extract

import (
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// Invented forms in the layout of Regulation (EU) 2023/1543's annexes,
// filled in by hand here: the judge is the representative of a judicial
// validating (or issuing) authority, never a prosecutor.

func TestJudge_TheValidatingJudgeOfAForm(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"validated by a court", "SECTION I: Details of the issuing authority\nType  Public prosecutor\nName of the issuing authority  Parquet de Exempleville\nName of its representative  Odile Marchetti\nPost held  Procureure adjointe\nSECTION J: Details of the validating authority (where applicable)\nType  Juge d'instruction\nName of the validating authority  Tribunal judiciaire d'Exempleville\nName of its representative  Mme Hélène Vasseur-Brunet\nPost held  Vice-présidente chargée de l'instruction\nSECTION K: Details of the central authority", "Hélène Vasseur-Brunet"},
		{"issued by a judge, none validates", "Sección I: Details of the issuing authority\nType  Judge (investigating judge)\nName of the issuing authority  Juzgado de Instrucción n.º 9 de Ejemplo\nName of its representative  Tomás Aguirre Salcedo\nPost held  Magistrado-Juez\nSección J: Details of the validating authority (where applicable)\nType / name  not applicable", "Tomás Aguirre Salcedo"},
		{"validated by a prosecutor", "SECTION F: Details of the issuing authority\nType  Police authority\nName of its representative  Kari Lindqvist\nSECTION G: Details of the validating authority\nType  Public prosecutor (åklagare)\nName of the validating authority  Åklagarmyndigheten\nName of its representative  Jonas Berglöf\nPost held  Kammaråklagare", ""},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldJudge); got != tc.want {
			t.Errorf("%s: judge %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestJudge_SignedInTheOrdersLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"BESCHLUSS\nDie Herausgabe der Bestandsdaten wird angeordnet.\nExempelstadt, den 3. März 2026\ngez. Dr. Wiebke Hollander\nRichterin am Amtsgericht", "Wiebke Hollander"},
		{"AUTO\nSe acuerda requerir los datos.\nAsí lo manda y firma D. Ramiro Solís Ugarte, Magistrado-Juez del Juzgado de Instrucción n.º 1.", "Ramiro Solís Ugarte"},
		{"NOTICE TO PRODUCE\nYou must produce the documents listed below.\nJudge Petra Okonkwo-Hale\nIssuing officer", "Petra Okonkwo-Hale"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldJudge); got != tc.want {
			t.Errorf("judge %q, want %q in\n%s", got, tc.want, tc.text)
		}
	}
}

func TestAgency_TheFormsTransferLineAndALetterheadUnit(t *testing.T) {
	form := "EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION L: Authority to which the data are to be transferred / contact point\n(a) Authority to which the data are to be trans- Kriminalpolizei Exempelhafen, Dezernat 5,\nferred  Hafenweg 3, 12345 Exempelhafen"
	ex := extractText(form)
	if got := ex.Field(app.FieldAgency); got != "Kriminalpolizei Exempelhafen" {
		t.Errorf("form: agency %q", got)
	}
	letter := "HARBOUR CITY POLICE FORCE\nFinancial Crime Command - Online Fraud Unit\n12 Quay Street, Harbour City\nORDER TO PRODUCE\nTo: Example Mail Ltd\nYou are required to produce the records of the account below."
	ex = extractText(letter)
	if got := ex.Field(app.FieldAgency); got != "Harbour City Police Force - Financial Crime Command - Online Fraud Unit" {
		t.Errorf("letterhead: agency %q", got)
	}
}

func TestJudge_InitialsWrittenOutElsewhere(t *testing.T) {
	text := "SUBPOENA\nYou are commanded to appear and produce the records below.\nSIGNED at EXAMPLETON on this 2nd day of May 2026.\nK. L. Marwick\nMagistrate, Exampleton\n(Kerstin Lotte Marwick)"
	ex := extractText(text)
	if got := ex.Field(app.FieldJudge); got != "Kerstin Lotte Marwick" {
		t.Errorf("judge %q", got)
	}
	ex = extractText("SUBPOENA\nYou are commanded to produce the records below.\nK. L. Marwick\nMagistrate, Exampleton")
	if f := ex.Fields[app.FieldJudge]; f.Value != "K. L. Marwick" || f.Confidence > 0.8 {
		t.Errorf("initials only: %q at %.2f, want the initials at no more than 0.8", f.Value, f.Confidence)
	}
}

func TestAuthority_ACourtBesideItsFileNumber(t *testing.T) {
	ex := extractText("Landgericht Exempelstadt  Aktenzeichen: 12 Qs 7/26\nBeschluss\nDie Herausgabe der Bestandsdaten des Kontos wird angeordnet.")
	if got := ex.Field(app.FieldIssuingAuthority); got != "Landgericht Exempelstadt" {
		t.Errorf("issuing authority %q", got)
	}
}

func TestUnitLine_NotAWebAddress(t *testing.T) {
	for line, want := range map[string]bool{
		"Criminal Investigations Division - www.lakewood-pd.example": false,
		"Commercial Affairs Department - Anti-Scam Command":          true,
		"C.O.S.C. Lombardia Unit":                                    true,
		"Harbour Street, Exampleton":                                 false,
	} {
		if got := unitLine(line); got != want {
			t.Errorf("%q: %v, want %v", line, got, want)
		}
	}
}

func TestNumberOrAddress_AUnitsDigitIsNoNumber(t *testing.T) {
	for seg, want := range map[string]bool{
		"Polícia Judiciária - UNC3T": false, "1ª DIG de Campinas": false, "tel. +351 21 000 4418": true,
		"Harbour Road 12": true, "j.roe@police.example": true, "Kommissariat 63": true,
	} {
		if got := numberOrAddress(seg); got != want {
			t.Errorf("%q: %v, want %v", seg, got, want)
		}
	}
}
