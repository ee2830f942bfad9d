package extract

import (
	"fmt"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

func denseDoc() *app.Document {
	doc := &app.Document{TextSource: app.SourceText}
	for i := 1; i <= 5; i++ {
		var p strings.Builder
		p.WriteString("UNITED STATES DISTRICT COURT\nfor the Eastern District of Virginia\nCase No. 1:25-mj-00123\nSEARCH AND SEIZURE WARRANT\n")
		for j := 0; j < 40; j++ {
			fmt.Fprintf(&p, "%d. All records associated with user%d@example.com and (202) 555-01%02d for the period from January 1, 2025 through March 31, 2025, pursuant to 18 U.S.C. § 2703(c).\n", j+1, j, j)
		}
		p.WriteString("Date and time issued: 04/22/2025 2:15 pm\nPrinted name and title: Jane Q. Smith, United States Magistrate Judge\n")
		doc.Pages = append(doc.Pages, app.PageText{Number: i, Text: p.String(), Source: app.SourceText})
	}
	return doc
}
