"""``moa-explorer``: serve the app, check the data, ask the model, export figures.

Exit codes: 0 success; 1 the data (or a file given) is invalid; 2 the user named
something that does not exist (a drug, a hypothesis, a format), with suggestions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import engine, report
from .account import drug_account, drug_lines
from .loader import ValidationError, load_knowledge_base, validate_paths
from .model import DRUG_CLASSES, INTEGRATED

__all__ = ["build_parser", "main"]


def _print_json(data) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _load():
    kb = load_knowledge_base()
    return kb, engine.build_graphs(kb)


def cmd_serve(args: argparse.Namespace) -> int:
    if args.per_address is not None and args.per_address < 1:
        print(f"moa-explorer serve: --per-address must be at least 1 (got {args.per_address})", file=sys.stderr)
        return 2
    # Dash is imported only when serving.
    if args.debug:  # Dash's development server: reloader, in-browser errors; never for a class
        from .app import run

        run(host=args.host, port=args.port, debug=True)
        return 0
    from .app import create_app
    from .serving.server import serve

    serve(create_app(), host=args.host, port=args.port, threads=args.threads, per_address=args.per_address)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    if args.paths:
        problems = validate_paths(args.paths)
    else:
        try:
            load_knowledge_base()
            problems = []
        except ValidationError as error:
            problems = list(error.problems)
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"valid: {', '.join(args.paths) if args.paths else 'the bundled pathways'}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    kb, graphs = _load()
    if args.what == "hypotheses":
        if args.json:
            _print_json(report.hypotheses_json(kb, graphs))
        else:
            print(report.format_hypothesis_list(kb, graphs))
    elif args.json:
        _print_json([report.drug_json(d) for d in kb.drugs.values()])
    else:
        print(report.format_drug_list(kb))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    kb, graphs = _load()
    drug = engine.resolve_drug(kb, args.drug)
    ids = [engine.resolve_hypothesis(kb, args.hypothesis)] if args.hypothesis else list(kb.hypotheses)
    explanations = engine.explain(kb, graphs, drug, ids)
    if args.json:
        _print_json(report.explanations_json(drug, explanations, graphs))
        return 0
    print(f"{drug.name}: {DRUG_CLASSES[drug.drug_class]}")
    print("\n".join(drug_lines(drug_account(kb, drug))))
    for explanation in explanations:
        print()
        print(report.format_explanation(kb, graphs[explanation.hypothesis], explanation))
    return 0


def _progress_bar(done: int, total: int, name: str) -> None:
    """``[ 12/217] disinhibition/disinhibition--ketamine.svg`` on one line of stderr."""
    width = len(str(total))
    sys.stderr.write(f"\r[{done:>{width}}/{total}] {name[:60]:<60}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_export(args: argparse.Namespace) -> int:
    from . import export  # the figure and exchange modules load only when exporting

    if args.quiz:
        return _export_quiz(args)
    bundle = args.output.lower().endswith(".html") and not (args.all or args.table)
    if not (args.hypothesis or args.table or args.all or args.drug or bundle):
        print("moa-explorer: export needs --hypothesis, --table, --all, --drug with -o DECK.pptx, "
              "or -o EXPLORER.html", file=sys.stderr)
        return 2
    deck = args.drug and not args.hypothesis and not args.all and not args.table
    if args.drug and not args.hypothesis and not bundle and not (deck and args.output.lower().endswith(".pptx")):
        print("moa-explorer: --drug goes with --hypothesis, or alone with -o DECK.pptx "
              "(a batch draws every drug)", file=sys.stderr)
        return 2
    kb, graphs = _load()
    started = []  # non-empty once the progress line is drawn: an error then starts a new line

    def progress(done: int, total: int, name: str) -> None:
        started.append(True)
        _progress_bar(done, total, name)

    try:
        if args.all:
            written = export.export_all(kb, graphs, args.output, progress=progress)
            print(f"wrote {len(written)} files to {args.output}")
            return 0
        if bundle:
            path = export.export_bundle(kb, graphs, args.output, hypothesis=args.hypothesis, drug=args.drug)
        elif deck:
            path = export.export_deck(kb, graphs, engine.resolve_drug(kb, args.drug).id, args.output)
        elif args.table:
            path = export.export_table(kb, args.output)
        else:
            hypothesis = engine.resolve_hypothesis(kb, args.hypothesis)
            drug = engine.resolve_drug(kb, args.drug).id if args.drug else None
            path = export.export_graph(kb, graphs, hypothesis, drug, args.output, preset=args.preset,
                                       page=args.page)
    except export.UnsupportedFormat as error:
        print(f"moa-explorer: {error}", file=sys.stderr)
        return 2
    except (export.UnsafePath, OSError) as error:
        if started:
            sys.stderr.write("\n")
        if isinstance(error, OSError):
            where = error.filename or args.output
            print(f"moa-explorer: cannot write {where}: {error.strerror or error}", file=sys.stderr)
        else:
            print(f"moa-explorer: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    if path.suffix.lower() == ".cyjs":   # its styles, written beside it
        for companion in export.companion_paths(path).values():
            print(f"wrote {companion}")
    return 0


def _export_quiz(args: argparse.Namespace) -> int:
    """``export --quiz [--hypothesis H] [--drug D] -o F.zip|F.xml|F.gift``: a question bank."""
    from . import export
    from .quiz import NothingToAsk

    if args.table or args.all:
        print("moa-explorer: --quiz writes one question bank; --all already adds the banks to its folder",
              file=sys.stderr)
        return 2
    kb, graphs = _load()
    hypothesis = engine.resolve_hypothesis(kb, args.hypothesis) if args.hypothesis else None
    drug = engine.resolve_drug(kb, args.drug).id if args.drug else None
    try:
        path = export.export_quiz(kb, graphs, args.output, hypothesis=hypothesis, drug=drug)
    except (export.UnsupportedFormat, NothingToAsk) as error:
        print(f"moa-explorer: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"moa-explorer: cannot write {error.filename or args.output}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moa-explorer",
        description="Glutamatergic MoA Explorer: how rapid-acting antidepressants are thought to "
                    "work (Henter, Park & Zarate, CNS Drugs 2021).")
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="start the web app (the default)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (0.0.0.0 for a classroom)")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--threads", type=int, default=None,
                       help="worker threads of the waitress server (default 8)")
    serve.add_argument("--per-address", type=int, default=None, metavar="N",
                       help="sockets one client address may hold (default 100; raise it when a whole class "
                            "reaches the server through one address, e.g. behind NAT)")
    serve.add_argument("--debug", action="store_true",
                       help="Dash's development server in debug mode (never in a classroom)")
    serve.set_defaults(func=cmd_serve)

    validate = sub.add_parser("validate", help="check the pathway data, or your own files")
    validate.add_argument("paths", nargs="*", help="pathways folders or hypothesis .toml files")
    validate.set_defaults(func=cmd_validate)

    listing = sub.add_parser("list", help="list hypotheses or drugs")
    listing.add_argument("what", choices=["hypotheses", "drugs"])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    explain = sub.add_parser("explain", help="what a drug does to BDNF and mTORC1, and why")
    explain.add_argument("drug", help="id, name, synonym or code, e.g. ketamine, GLYX-13, CERC-301")
    explain.add_argument("--hypothesis", help=f"one hypothesis id, or {INTEGRATED!r}")
    explain.add_argument("--json", action="store_true")
    explain.set_defaults(func=cmd_explain)

    export = sub.add_parser(
        "export", help="write a figure, a graph file, the drug table, or all of them",
        description="The format comes from the output's suffix: .svg .png .pdf (figures with legend "
                    "and citation), .pptx (an editable slide; with --drug alone, the drug's deck), "
                    ".graphml .cyjs .sbgn (the graph), .csv (the drug table), .html (the whole explorer in one "
                    "offline file, opened at --hypothesis and --drug if given); with --quiz, a question bank: "
                    ".zip (IMS QTI 2.1 package: Canvas, Blackboard), .xml (Moodle XML) or .gift.")
    what = export.add_mutually_exclusive_group()
    what.add_argument("--hypothesis", help=f"a hypothesis id, or {INTEGRATED!r} for all six merged")
    what.add_argument("--table", action="store_true", help="the drug table (Table 1 and more) as CSV")
    what.add_argument("--all", action="store_true",
                      help="every hypothesis × drug as SVG, PNG and PDF, each graph's files, a deck per drug, "
                           "the one-file explorer, the table and an index.html, into a folder")
    export.add_argument("--quiz", action="store_true",
                        help="a question bank (-o F.zip QTI 2.1, F.xml Moodle XML, F.gift GIFT): every stated and "
                             "analogy prediction of every drug, or those of --hypothesis and --drug")
    export.add_argument("--drug", help="overlay a drug (with --hypothesis): id, name, synonym or code; "
                                       "alone with -o F.pptx: the drug's deck across the hypotheses; "
                                       "with -o F.html: the explorer opened at that drug")
    export.add_argument("--preset", choices=["slide", "handout"],
                        help="figure sizes: slide (16:9, large type; the default for .pptx) or handout "
                             "(compact; the default for .svg .png .pdf)")
    export.add_argument("--page", choices=["a4", "letter", "fit"], default="a4",
                        help="the PDF's page: A4 or Letter landscape, or the figure's own size (default a4)")
    export.add_argument("-o", "--output", required=True,
                        help="the file (or, with --all, the folder); F.html: the one-file explorer")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:  # no arguments: start the app on localhost
        args = build_parser().parse_args(["serve"])
    try:
        return args.func(args)
    except engine.UnknownName as error:
        print(f"moa-explorer: {error}", file=sys.stderr)
        return 2
    except ValidationError as error:
        print(f"moa-explorer: the pathway data is invalid; run `moa-explorer validate`.\n{error}",
              file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`moa-explorer list drugs | head`): not an error.
        # Point stdout at /dev/null so the interpreter's last flush does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
