"""ORCID public API v3.0: a record's works (`/{orcid}/works`), its person (`/{orcid}/person`), whole records
and single works, as JSON or as XML.

Work summaries list no co-authors: ORCID only knows that the record's owner is
one of them, so the owner (named by the record's person section) is the one
author such a record carries, with their ORCID iD.
"""

import contextlib
from xml.etree import ElementTree

from .base import MemberWorks, Source
from .http import SourceError
from .records import WorkAuthor, WorkRecord, entry_type, orcid_of
from .text import plain

API = "https://pub.orcid.org/v3.0"
NS = {
    "common": "http://www.orcid.org/ns/common",
    "work": "http://www.orcid.org/ns/work",
    "activities": "http://www.orcid.org/ns/activities",
}


class Orcid(Source):
    name = "orcid"
    label = "ORCID"

    def parse(self, payload, *, owner=None):
        payload.raise_for_status()
        if payload.body.lstrip()[:1] == b"<":
            return _parse_xml(payload, owner)
        answer = payload.json()
        if not isinstance(answer, dict):
            raise SourceError("the answer is not an ORCID record", url=payload.url)
        if "activities-summary" in answer:  # a whole record: its person names the owner
            owner = owner or person_owner(answer.get("person") or {}, answer.get("orcid-identifier", {}).get("path"))
            answer = (answer["activities-summary"] or {}).get("works") or {}
        if "group" in answer:
            summaries = [summary for group in answer["group"] for summary in group.get("work-summary", [])[:1]]
        elif "title" in answer:
            summaries = [answer]
        elif "name" in answer or "biography" in answer:
            return []  # a person section: no works
        else:
            raise SourceError("the answer is not an ORCID record", url=payload.url)
        return [record for record in (_record(summary, owner) for summary in summaries) if record is not None]

    def parse_all(self, payloads):
        # A recorded session asks for /person, then /works: the person names the owner of those works.
        owners = {}
        for payload in payloads:
            if payload.url.endswith("/person") and payload.status < 400:
                orcid = orcid_of(payload.url.rsplit("/", 2)[-2])
                with contextlib.suppress(SourceError):
                    owners[orcid] = self.owner(payload, orcid)
        records, errors = [], []
        for payload in payloads:
            owner = owners.get(orcid_of(payload.url.rsplit("/", 2)[-2])) if payload.url else None
            try:
                records.extend(self.parse(payload, owner=owner))
            except SourceError as error:
                errors.append(f"{payload.url or 'answer'}: {error}")
        return records, errors

    def owner(self, payload, orcid):
        """The WorkAuthor a /person answer names."""
        return person_owner(payload.json(), orcid)

    def member_works(self, member):
        person = self.http.get(f"{API}/{member.orcid}/person", headers={"Accept": "application/json"})
        owner = self.owner(person, member.orcid)
        works = self.http.get(f"{API}/{member.orcid}/works", headers={"Accept": "application/json"})
        return MemberWorks(records=self.parse(works, owner=owner))


def person_owner(person, orcid):
    name = person.get("name") or {}
    given = ((name.get("given-names") or {}).get("value") or "").strip()
    family = ((name.get("family-name") or {}).get("value") or "").strip()
    credit = ((name.get("credit-name") or {}).get("value") or "").strip()
    display = credit or " ".join(filter(None, [given, family]))
    if not display:
        return None
    return WorkAuthor(name=display, family=family, given=given, orcid=orcid_of(orcid or name.get("path", "")))


def _value(node, *keys):
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node or ""


def _record(work, owner):
    title = plain(_value(work, "title", "title", "value"))
    if not title:
        return None
    ids = {}
    for external in _value(work, "external-ids", "external-id") or []:
        if external.get("external-id-relationship", "self") == "self":
            kind = (external.get("external-id-type") or "").lower()
            value = _value(external, "external-id-normalized", "value") or external.get("external-id-value")
            ids.setdefault(kind, value)
    authors = []
    for contributor in _value(work, "contributors", "contributor") or []:
        name = _value(contributor, "credit-name", "value")
        if name:
            authors.append(WorkAuthor(name=name, orcid=_value(contributor, "contributor-orcid", "path")))
    if not authors and owner is not None:
        authors = [WorkAuthor(name=owner.name, family=owner.family, given=owner.given, orcid=owner.orcid)]
    year = _value(work, "publication-date", "year", "value")
    month = _value(work, "publication-date", "month", "value")
    put_code = str(work.get("put-code") or "")
    return WorkRecord(
        source="orcid",
        title=title,
        authors=authors,
        kind=entry_type(work.get("type")),
        venue=plain(_value(work, "journal-title", "value")),
        year=int(year) if str(year).isdigit() else None,
        month=int(month) if str(month).isdigit() and 1 <= int(month) <= 12 else None,
        doi=ids.get("doi", ""),
        arxiv_id=ids.get("arxiv", ""),
        url=_value(work, "url", "value"),
        source_id=put_code,
        source_url=f"https://orcid.org{work['path']}" if str(work.get("path", "")).startswith("/") else "",
    )


def _parse_xml(payload, owner):
    try:
        root = ElementTree.fromstring(payload.body)
    except ElementTree.ParseError as error:
        raise SourceError(f"the answer is not ORCID XML ({error})", url=payload.url) from None
    if root.tag == f"{{{NS['work']}}}work":
        works = [root]
    elif root.tag == f"{{{NS['activities']}}}works":
        works = [group.find("work:work-summary", NS) for group in root.findall("activities:group", NS)]
    else:
        raise SourceError("the answer is not an ORCID work or works list", url=payload.url)
    return [record for record in (_xml_record(work, owner) for work in works if work is not None) if record]


def _xml_record(work, owner):
    def text(path):
        found = work.find(path, NS)
        return (found.text or "").strip() if found is not None else ""

    as_json = {
        "title": {"title": {"value": text("work:title/common:title")}},
        "journal-title": {"value": text("work:journal-title")},
        "type": text("work:type"),
        "publication-date": {
            "year": {"value": text("common:publication-date/common:year")},
            "month": {"value": text("common:publication-date/common:month")},
        },
        "external-ids": {
            "external-id": [
                {
                    "external-id-type": (external.findtext("common:external-id-type", "", NS) or "").strip(),
                    "external-id-value": (external.findtext("common:external-id-value", "", NS) or "").strip(),
                    "external-id-relationship": (
                        external.findtext("common:external-id-relationship", "self", NS) or ""
                    ).strip(),
                }
                for external in work.findall("common:external-ids/common:external-id", NS)
            ]
        },
        "url": {"value": text("common:url")},
        "put-code": work.get("put-code", ""),
        "path": work.get("path", ""),
        "contributors": {
            "contributor": [
                {
                    "credit-name": {"value": (contributor.findtext("work:credit-name", "", NS) or "").strip()},
                    "contributor-orcid": {
                        "path": (contributor.findtext("common:contributor-orcid/common:path", "", NS) or "").strip()
                    },
                }
                for contributor in work.findall("work:contributors/work:contributor", NS)
            ]
        },
    }
    return _record(as_json, owner)
