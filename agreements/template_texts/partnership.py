"""The national partnership-agreement template (partnerskapsavtale, NAV-loven § 14).

Sections 1.0 to 9.0 with the template's wording; every "……….", "(fyll inn)" and "stryk det
som ikke passer" is a named fill-in below. Texts stay in Norwegian: they are the agreement
itself, not the portal's interface.
"""

from agreements.template_texts import Alternative, Choice, Field, Section, Template

FIELDS = (
    # Filled by the portal from the agreement's parties and project (agreements.drafting).
    Field("municipality", "kommune"),
    Field("member_municipalities", "kommunene vertskommunen samarbeider for"),
    Field("municipalities_served", "kommunene kontoret betjener"),
    Field("nav_office", "NAV-kontor"),
    Field("nav_county", "NAV fylke"),
    Field("validity_period", "gyldighetsperiode"),
    # Left for the parties.
    Field("municipal_values", "kommunens verdier"),
    Field("local_goals", "andre lokale mål"),
    Field("address", "adresse"),
    Field("opening_days", "åpningsdager (ukedag – ukedag)"),
    Field("opening_hours", "åpningstid (kl. – kl.)"),
    Choice("leadership", "ledelse: felles / delt", ("felles", "delt")),
    Choice("leader_terms", "NAV-leders vilkår: kommunale / statlige", ("kommunale", "statlige")),
    Field("municipal_management_group", "ledergruppen NAV-leder er plassert i i kommunen"),
    Field("municipal_reports_to", "hvem NAV-leder rapporterer til i kommunen"),
    Field("state_reports_to", "hvem NAV-leder rapporterer til i NAV fylke"),
    Field("result_year", "årstall for resultatmålene"),
    Field("result_goals", "resultatmål"),
    Choice(
        "state_staff_tasks",
        "statlig ansatte utfører kommunale oppgaver: ja / nei",
        ("Eierne er enige om", "Eierne er ikke enige om"),
    ),
    Choice(
        "municipal_staff_tasks",
        "kommunalt ansatte utfører statlige oppgaver: ja / nei",
        ("Eierne er enige om", "Eierne er ikke enige om"),
    ),
    Field("state_services", "statlige tjenester utover minstekravet"),
    Field("municipal_services", "kommunale tjenester utover minstekravet"),
    Field("individual_participation", "brukermedvirkning på individnivå"),
    Field("system_participation", "brukermedvirkning på systemnivå"),
    Field("other_agreements", "andre samarbeidsavtaler og rutiner"),
)

SECTIONS = (
    Section(
        "1.0",
        "Avtaleparter – eiere",
        "Partnerskapsavtalen gjelder etablering og drift av felles NAV-kontor, NAV {nav_office} "
        "og inngås med hjemmel i NAV-loven § 14.",
        alternatives=(
            Alternative(
                "single",
                "Alternativ 1: én kommune",
                "Denne avtalen inngås mellom rådmann i {municipality} kommune og Arbeids- og "
                "velferdsetaten ved direktør for NAV {nav_county}.",
            ),
            Alternative(
                "host",
                "Alternativ 2: vertskommune",
                "Denne avtalen inngås mellom rådmann i {municipality} kommune som er "
                "vertskommune for kommunene {member_municipalities} og Arbeids- og "
                "velferdsetaten ved direktør for NAV {nav_county}.",
            ),
        ),
    ),
    Section(
        "2.0",
        "Formålet med partnerskapsavtalen",
        "Formålet er at eierne gjennom NAV-kontoret kan arbeide for å få flere innbyggere i "
        "arbeid og aktivitet, og færre på stønad. NAV-kontoret skal levere et helhetlig og "
        "effektivt tjenestetilbud med utgangspunkt i innbyggernes behov, og i samsvar med "
        "eiernes mål, føringer og de rammer som lovverket gir.\n\n"
        "NAV {nav_office} skal arbeide etter NAVs visjon – «Vi gir mennesker muligheter», og "
        "etter {municipality} kommunes verdier {municipal_values}.\n\n"
        "Sammen skal eierne skape et velfungerende og enhetlig NAV-kontor for brukerne.\n\n"
        "I tillegg legges følgende andre lokale mål til grunn for samarbeidet: {local_goals}",
    ),
    Section(
        "2.1",
        "Fysisk lokalisering, og utforming av NAV-kontoret",
        "NAV {nav_office} lokasjon er {address}, og NAV {nav_office} betjener innbyggerne i "
        "{municipalities_served}. NAV {nav_office} lokasjon er sikret etter kravene til "
        "universell utforming i NAV-loven § 13. Utformingen av NAV {nav_office} er i henhold "
        "til NAVs arealkonsept, og er gjort i samarbeid med brukerutvalget.\n\n"
        "Åpningstidene til NAV {nav_office} er {opening_days} kl. {opening_hours}.\n\n"
        "Brev der NAV-kontoret er avsender, skal skrives på brevark med NAV-logo og "
        "kommunevåpen i toppen av brevet, og avsenderinformasjon, NAV stedsnavn, adresse med "
        "mer i bunntekst.\n\n"
        "NAV-kontoret skal skiltes på utsiden av bygningen, med logo og stedsnavn.",
    ),
    Section(
        "3.0",
        "Organisering og drift av NAV-kontoret",
        "",
    ),
    Section(
        "3.1",
        "Styring og ledelse",
        "NAV {nav_office} er under instruksjon av begge eiere, henholdsvis {municipality} "
        "kommune og staten ved Arbeids- og velferdsetaten ved NAV {nav_county}.\n\n"
        "Det avholdes møter mellom NAV {nav_office} eiere henholdsvis rådmann i {municipality} "
        "kommune og direktør for NAV {nav_county} etter behov (eksempelvis ett til to møter i "
        "året), for å samordne overordnede styringssignaler og oppdrag fra eierne til "
        "NAV-kontoret.\n\n"
        "Partnerskapsmøtenes innhold reguleres gjennom følgende forslag til agenda:\n"
        "- Samkjøring og operasjonalisering av felles mål/resultater for NAV-kontoret med "
        "utgangspunkt i brukernes behov, og eiernes overordnede styringssignaler\n"
        "- Eiernes gjensidige informasjonsutveksling, og involvering, om aktuelle forhold som "
        "berører NAV-kontoret\n"
        "- Kompetansebehov i NAV-kontoret\n"
        "- Samhandling med andre tjenester\n\n"
        "NAV-leder er ansvarlig for agenda til partnerskapsmøtene.",
    ),
    Section(
        "3.2",
        "Tilsetting av leder og medarbeidere",
        "Eierne er enige om å ha {leadership} administrativ og faglig ledelse for NAV "
        "{nav_office}.\n\n"
        "Ved NAV {nav_office} er NAV-leder tilsatt på {leader_terms} vilkår. NAV-leders "
        "fullmakter fremgår av vedlagte delegasjonsvedtak.\n\n"
        "NAV-leder er i kommunen plassert i ledergruppen til {municipal_management_group} og "
        "rapporterer til {municipal_reports_to}.\n\n"
        "NAV-leder deltar i direktør for NAV {nav_county} sin ledergruppe, og rapporterer til "
        "{state_reports_to}.\n\n"
        "Ved utskiftning av NAV-leder er eierne enige om at vurdering av hvilke vilkår som er "
        "gjeldende ved en nyrekruttering er gjenstand for forhandling. Eierne beslutter "
        "tilsettingsvilkår før utlysning av stilling.\n\n"
        "Tilsetting av medarbeidere i NAV-kontoret er underlagt NAV-leders ansvar. Kunngjøring "
        "for medarbeidere styres ut fra om statlige eller kommunale vilkår gjelder for "
        "stillingen.",
    ),
    Section(
        "3.3",
        "Personvern/informasjonssikkerhet/beredskap",
        "Sikkerhetsarbeidet ved NAV {nav_office} er omfattet av følgende rutiner som vi eiere "
        "er enige om:\n"
        "- «Felles sikkerhetsnorm for Arbeids- og velferdsforvaltningen»\n"
        "- {municipality} kommunes interne sikkerhetsrutiner\n\n"
        "Rutinene som omfatter personvern/informasjonssikkerhet/beredskap gjelder for alle "
        "medarbeidere i NAV-kontoret, uavhengig av om vedkommende er ansatt i stat eller "
        "kommune.",
    ),
    Section(
        "3.4",
        "Medbestemmelse",
        "Medbestemmelse ved NAV-kontoret utøves innenfor rammen av hovedavtalene.\n\n"
        "Stat og kommune vil legge til rette for hensiktsmessige systemer for god samhandling "
        "og reell medbestemmelse i kontoret.",
    ),
    Section(
        "3.5",
        "Mål og resultatkrav",
        "NAV-leder har ansvar for at det utarbeides årlig virksomhetsplan for NAV-kontoret i "
        "samarbeid med medarbeidernes organisasjoner. Eierne av NAV {nav_office} ønsker "
        "følgende resultatmål for {result_year}: {result_goals}.\n\n"
        "Gjensidig informasjonsflyt må sikres, og begge eiere vil informere den andre eier i "
        "forhold som kan påvirke NAV-kontoret.",
    ),
    Section(
        "3.6",
        "Kompetanseutvikling",
        "Det skal årlig i samarbeid med medarbeidernes organisasjoner utarbeides en felles "
        "kompetanseplan. Kompetanseplanen skal regulere mål, oppgaver og ansvar for "
        "kompetanseutvikling (herunder økonomisk ansvar for kompetanseutvikling).\n\n"
        "Det er enighet om at alle medarbeiderne ved kontoret skal ha likeverdig tilgang til "
        "kompetanseutviklingstiltak.",
    ),
    Section(
        "3.7",
        "Delegert myndighet til NAV-leder, og oppgaveutførelse på hverandres myndighetsområder",
        "Eierne er enige om at NAV {nav_office} ledes av en NAV-leder som har felles "
        "administrativt og faglig ansvar for alle deler av NAV {nav_office} virksomhet, og som "
        "rapporterer og forholder seg til begge eierne av NAV-kontoret. Leders fullmakter "
        "fremgår av vedlagte delegasjonsvedtak.\n\n"
        "{state_staff_tasks} at medarbeidere ansatt i statlig linje ved Arbeids- og "
        "velferdsetaten kan utføre oppgaver på kommunens myndighetsområder. Nærmere angivelse "
        "av hvilke oppgaver dette gjelder, fremgår av vedlagte delegasjonsvedtak. Eier av "
        "myndighetsområdet har ansvar for at ansatte har tilstrekkelig kompetanse til å kunne "
        "utføre oppgavene.\n\n"
        "{municipal_staff_tasks} at medarbeidere ansatt i kommunal linje kan utføre oppgaver "
        "på Arbeids- og velferdsetatens myndighetsområder. Nærmere angivelse av hvilke "
        "oppgaver dette gjelder, fremgår av vedlagte delegasjonsvedtak. Eier av "
        "myndighetsområdet har ansvar for at ansatte har tilstrekkelig kompetanse til å kunne "
        "utføre oppgavene.\n\n"
        "Delegert myndighet må utøves innenfor de til enhver tid gjeldende styringsdokumenter, "
        "lover, forskrifter og instruksjoner. Nærmere henvisning til disse, fremgår av "
        "vedlagte delegasjonsvedtak.\n\n"
        "Delegasjonsvedtakene kan til enhver tid endres, eller trekkes tilbake.",
    ),
    Section(
        "3.8",
        "Driftsavtale",
        "Eierne svarer for sin andel av felles driftsutgifter i forhold til antall årsverk de "
        "er representert med i det felles NAV-kontoret. Utgifter knyttet til NAV-leder "
        "stillingen deles likt mellom de to eierne, uavhengig av tilsettingsforhold.\n\n"
        "I egen avtale om drift bør forhold rundt faktureringstidspunkter og -måter "
        "reguleres.\n\n"
        "Særskilte tjenester som ikke dekkes av denne avtale, avtales og faktureres "
        "særskilt.\n\n"
        "Driftsavtale er vedlagt.",
    ),
    Section(
        "4.0",
        "Tjenestetilbud",
        "NAV {nav_office} har ansvaret for Arbeids- og velferdsetatens tjenester i "
        "{municipalities_served}.\n\n"
        "Dette omfatter følgende tjenester: {state_services}\n"
        "- Ansvar for å levere tjenester på området arbeidsrettet brukeroppfølging; herunder "
        "oppfølging av arbeidssøkere uten ytelser, oppfølging av arbeidssøkere som mottar "
        "dagpenger, arbeidsavklaringspenger, sykepenger, overgangsstønad, uføretrygd og "
        "tiltakspenger\n"
        "- Oppfølging av arbeidsmarkedet og arbeidsgivere\n\n"
        "Ut over kommunens ansvar for økonomisk stønad etter lov om sosiale tjenester, råd og "
        "veiledning, kvalifiseringsprogrammet, midlertidig bolig og arbeidet med individuelle "
        "planer, skal kontoret også dekke følgende kommunale tjenester som ligger til NAV "
        "kontoret i {municipality} kommune: {municipal_services}",
    ),
    Section(
        "5.0",
        "Brukermedvirkning",
        "For å forbedre tjenestekvaliteten i NAV-kontoret, og for å tilpasse tjenestene til "
        "brukernes behov skal brukermedvirkning ivaretas på følgende måte:\n\n"
        "På individnivå – {individual_participation}\n\n"
        "På systemnivå – {system_participation}\n\n"
        "Samhandlingen skal evalueres i samarbeid med brukerrepresentantene minst en gang pr "
        "år.",
    ),
    Section(
        "6.0",
        "Samhandling med øvrige tjenestetilbud",
        "Eierne er enige om at samhandling med andre kommunale og statlige tjenester enn de "
        "som etter denne avtalen inngår i NAV kontoret, eventuelt reguleres i følgende "
        "samarbeidsavtaler/-rutiner: {other_agreements}",
    ),
    Section(
        "7.0",
        "Prinsipper for tvisteløsning ved uenighet",
        "Eierne er enige om å søke å løse alle konflikter om inngåelse og fortolkning av denne "
        "avtalen gjennom forhandling lokalt. Skulle dette ikke føre fram vil tvisten løses i "
        "samsvar med forskrift om nemndbasert tvisteløsning.",
    ),
    Section(
        "8.0",
        "Revisjon",
        "Eierne er enige om at det legges til rette for at Riksrevisjonen, Arbeids- og "
        "velferdsdirektoratets internrevisjon og kommunens revisor kan utføre sine oppgaver i "
        "forhold til NAV kontoret på en hensiktsmessig måte.",
    ),
    Section(
        "9.0",
        "Avtaleperiode",
        "Eierne er enig om følgende gyldighetsperiode: {validity_period}.",
    ),
)

PARTNERSHIP = Template(
    key="partnerskapsavtale",
    title="Partnerskapsavtale",
    kind="partnership",
    sections=SECTIONS,
    fields=FIELDS,
    note="Nasjonal mal for partnerskapsavtale mellom kommune og NAV (NAV-loven § 14).",
)
