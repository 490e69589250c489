"""Organisations and people of the two demo projects."""

from demo.data.addresses import demo_address
from demo.data.common import INNLANDET, NORDLAND


def _municipality(name: str, number: str, county: str) -> dict:
    return {"name": name, "kind": "municipality", "municipality_number": number, "county": county}


def _body(name: str, kind: str, county: str = "") -> dict:
    return {"name": name, "kind": kind, "municipality_number": "", "county": county}


ORGANISATIONS = [
    _municipality("Våler kommune", "3419", INNLANDET),
    _municipality("Åsnes kommune", "3418", INNLANDET),
    _municipality("Grue kommune", "3417", INNLANDET),
    # Nordland municipalities named in the NAV project, with the numbers of the national
    # register (projects/data): Tysfjord and Ballangen ended in 2020, and Gratangen has been
    # 5516 since Troms became a county of its own in 2024.
    _municipality("Hemnes kommune", "1832", NORDLAND),
    _municipality("Narvik kommune", "1806", NORDLAND),
    _municipality("Tysfjord kommune", "1850", NORDLAND),
    _municipality("Ballangen kommune", "1854", NORDLAND),
    _municipality("Evenes kommune", "1853", NORDLAND),
    _municipality("Gratangen kommune", "5516", "Troms"),
    _municipality("Fauske kommune", "1841", NORDLAND),
    _municipality("Sørfold kommune", "1845", NORDLAND),
    _municipality("Saltdal kommune", "1840", NORDLAND),
    _municipality("Hamarøy kommune", "1875", NORDLAND),
    _municipality("Beiarn kommune", "1839", NORDLAND),
    _municipality("Meløy kommune", "1837", NORDLAND),
    _municipality("Rødøy kommune", "1836", NORDLAND),
    _municipality("Gildeskål kommune", "1838", NORDLAND),
    _municipality("Lurøy kommune", "1834", NORDLAND),
    # Takes part in no demo project: home of the "outsider" login.
    _municipality("Bodø kommune", "1804", NORDLAND),
    _body("NAV Nordland", "nav_county", NORDLAND),
    _body("NAV Hamarøy", "nav_office", NORDLAND),
    _body("NAV Lurøy", "nav_office", NORDLAND),
    _body("NAV Rødøy", "nav_office", NORDLAND),
    _body("Fylkesmannen i Nordland", "county_governor", NORDLAND),
    _body("Fylkesmannen i Innlandet", "county_governor", INNLANDET),
    _body("KS", "ks"),
    _body("HR Prosjekt", "consultancy"),
]


def _person(name: str, organisation: str | None = None, title: str = "") -> dict:
    # The address is made up (demo.data.addresses): the documents give none.
    email = demo_address(name, organisation)
    return {"name": name, "organisation": organisation, "title": title, "email": email}


PEOPLE = [
    # VÅG steering group (minutes 28.06.2022). Only Mikkelsgård's municipality is stated
    # ("Vi kommunedirektører", reports to Grue's council); Langmoen is in Åsnes' column of
    # the plan's working-group table.
    _person("Alf Marcus Vang"),
    _person("Asgeir Rustad"),
    _person("Ole Frode Mikkelsgård", "Grue kommune", "kommunedirektør"),
    _person("Oliv Lundeby"),
    _person("Otto Langmoen", "Åsnes kommune"),
    _person("Britt Dahler Bye"),
    _person("Anne Britt Røst", "Åsnes kommune", "sektorleder for helse, omsorg og velferd"),
    _person("Silje Randby Trane", "HR Prosjekt", "avdelingsleder, romeriksavdelingen på Jessheim"),
    # VÅG working groups (plan, section 3): each in the column of their municipality.
    _person("Marit Ekeberg", "Våler kommune"),
    _person("Marius Skymoen", "Åsnes kommune"),
    _person("Bent Sigbjørn Sæther", "Grue kommune"),
    _person("Johny Solvang", "Grue kommune"),
    _person("Reidun Vie", "Våler kommune"),
    _person("Anita Utgaard Løvbæk", "Åsnes kommune"),
    _person("Knut Henriksen", "Grue kommune"),
    _person("Berit Gjedjernet", "Grue kommune"),
    _person("Jacob Aleksander Henriksen Vik", "Våler kommune"),
    _person("Grete Kullerud Østby", "Våler kommune"),
    _person("Even Berg", "Åsnes kommune"),
    _person("Ellinor Bjerke", "Grue kommune"),
    _person("Finn David Nilsen", "Våler kommune"),
    _person("Arnfinn Tørrisen", "Åsnes kommune"),
    _person("Marte Kravdal", "Åsnes kommune"),
    _person("Astrid Henriette Østgaard", "Grue kommune"),
    _person("Anne Kristine Rossebø", "Våler kommune"),
    _person("Nils Lindeberg", "Åsnes kommune"),
    _person("Siv Thorshaug", "Grue kommune"),
    _person("Steinar Ausland", "Grue kommune"),
    # NAV i Nordland i en ny tid (minutes 2017–2019).
    _person("Cathrine Stavnes", "NAV Nordland", "fylkesdirektør"),
    _person("Amund Eriksen", "Hemnes kommune", "rådmann"),
    _person("Monica Andreassen Iveland", "Fylkesmannen i Nordland", "assisterende fylkesmann"),
    _person("Merete Troli", "Fylkesmannen i Nordland", "avdelingsdirektør"),
    _person("Mona Halsbakk", "KS", "seniorrådgiver"),
    _person("Cato Rødsand", "NAV Lurøy", "NAV-leder"),
    _person("Alf Helge Andreassen", "NAV Hamarøy"),
    # "HTV NAV": the minutes name no office for the chief union representatives.
    _person("Espen Strøm", None, "hovedtillitsvalgt"),
    _person("Elin Gundersen", None, "hovedtillitsvalgt"),
    _person("Knut Erik Dahlmo", "NAV Nordland", "prosjektleder"),
    _person("Åshild J. Nordnes", "NAV Nordland"),
    _person("Petter Bugge Richardsen"),
    _person("Hildegunn Estensen", "Fylkesmannen i Nordland"),
    # Steering group 29.11.2018: "Merete Troli og Vanja Os, Fylkesmannen".
    _person("Vanja Os", "Fylkesmannen i Nordland"),
    # Signs the demo partnership agreement for Fauske (demo.agreements): the documents name
    # no rådmann of Fauske, so the person is named for the role.
    _person("Kommunedirektøren i Fauske (demo)", "Fauske kommune", "rådmann"),
    # Speaker at the 2018 partnership conference; Bodø takes part in no demo project.
    _person("Arve Rolandsen", "Bodø kommune", "leder barnevern"),
]
