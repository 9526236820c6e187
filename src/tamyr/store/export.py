"""Export the store: FtM JSON lines (round-trips through ingest), statements CSV, GEXF graph."""

from __future__ import annotations

import csv
import json
from typing import IO
from xml.sax.saxutils import quoteattr

from ..model.entities import model
from .store import STATEMENT_COLUMNS, Store

EDGE_SCHEMATA = {"Family", "Associate", "Occupancy", "Membership", "CourtCaseParty"}


def export_ftm(store: Store, out: IO[str]) -> int:
    count = 0
    for entity in store.iter_entities():
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count


def export_statements_csv(store: Store, out: IO[str]) -> int:
    """Every statement with its provenance and its source's uri (one row per value)."""
    writer = csv.writer(out)
    names = [name for name, _ in STATEMENT_COLUMNS]
    writer.writerow(names + ["source_kind", "source_uri"])
    cursor = store.conn.cursor()
    cursor.execute(
        f"""SELECT {", ".join("s." + n for n in names)}, src.kind, src.uri
            FROM statements s JOIN sources src USING (source_id) ORDER BY s.entity_id, s.prop, s.value"""
    )
    count = 0
    while rows := cursor.fetchmany(50_000):
        writer.writerows(rows)
        count += len(rows)
    return count


def export_gexf(store: Store, out: IO[str]) -> int:
    """Persons, organisations and posts as nodes; kin ties, posts held, memberships as edges."""
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str, str, bool]] = []
    for entity in store.iter_entities():
        schema = model.get(entity["schema"])
        props = entity["properties"]
        if schema.edge and schema.name in EDGE_SCHEMATA:
            source = (props.get(schema.edge_source) or [None])[0]
            target = (props.get(schema.edge_target) or [None])[0]
            if source and target:
                label = (props.get("relationship") or props.get("role") or [schema.name])[0]
                edges.append((entity["id"], source, target, label, schema.name))
        elif schema.is_a(model.get("LegalEntity")) or schema.name == "Position":
            caption = (props.get("name") or [entity["id"]])[0]
            nodes[entity["id"]] = (caption, schema.name)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph defaultedgetype="directed">\n')
    out.write('<attributes class="node"><attribute id="schema" title="schema" type="string"/></attributes>\n')
    out.write('<attributes class="edge"><attribute id="schema" title="schema" type="string"/></attributes>\n<nodes>\n')
    for node_id, (caption, schema_name) in sorted(nodes.items()):
        out.write(f'<node id={quoteattr(node_id)} label={quoteattr(caption)}><attvalues>'
                  f'<attvalue for="schema" value={quoteattr(schema_name)}/></attvalues></node>\n')
    out.write("</nodes>\n<edges>\n")
    count = 0
    for edge_id, source, target, label, schema_name in edges:
        if source in nodes and target in nodes:
            out.write(f'<edge id={quoteattr(edge_id)} source={quoteattr(source)} target={quoteattr(target)} '
                      f'label={quoteattr(label)}><attvalues><attvalue for="schema" value={quoteattr(schema_name)}/>'
                      f'</attvalues></edge>\n')
            count += 1
    out.write("</edges>\n</graph>\n</gexf>\n")
    return len(nodes) + count


EXPORTERS = {"ftm": export_ftm, "csv": export_statements_csv, "gexf": export_gexf}

__all__ = ["EXPORTERS", "export_ftm", "export_statements_csv", "export_gexf"]
