#!/usr/bin/python3
"""Where `laminar demo` spends its time, from an -Xlog:class+load log with uptime stamps (bench/startup.sh).

The first load of a marker class starts a phase; each phase lasts until the next marker. The JVM's own start is
-Xlog:startuptime's "Create VM"; the process wall time (launcher script included) is passed in.
"""
import argparse
import re

# (class whose first load starts the phase, phase name) in run order (see laminar.cli.RunCommand)
MARKERS = [
    ("laminar.cli.Main", "CLI: picocli, options, word list, template, checkpoint lookup, output dir"),
    ("laminar.model.Gpt2Weights", "model open: config, safetensors header, weight mapping"),
    ("ai.djl.engine.Engine", "DJL PyTorch engine: native libtorch load, thread set-up, NDManager"),
    ("laminar.model.Gpt2Tokenizer", "tokenizer: DJL HF tokenizers native + tokenizer.json, tokenize 34 sentences"),
    ("laminar.model.Gpt2Extractor$Plan", "extraction: forward pass, 12 layers (stage 'extraction')"),
    ("laminar.model.io.ActivationsFile", "save activations.safetensors (stage 'save_activations')"),
    ("laminar.analysis.LaminarAnalysis", "analyses Parts 1-7 (stage 'analyses')"),
    ("laminar.figures.Figures", "figures: 12 x (PNG 300 dpi + SVG) (stage 'figures')"),
    ("laminar.report.RunMetadata", "results.json, CSV tables, output commit"),
]
FIG_MARKERS = ["Part1Figure", "Part2aFigure", "LayerLinesFigure", "Part3aFigure", "Part3bFigure", "Part5Figure",
               "Part6aFigure", "Part6bFigure", "Part7aFigure", "Laminar3dFigure"]


def first_loads(path):
    seen = {}
    pat = re.compile(r"^\[(\d+\.\d+)s\](?:\[[^\]]*\])* (\S+)")
    with open(path) as f:
        for line in f:
            m = pat.match(line)
            if m and m.group(2) not in seen:
                seen[m.group(2)] = float(m.group(1))
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--classload", required=True)
    ap.add_argument("--startuptime", required=True)
    ap.add_argument("--log", required=True, help="the demo's stderr (for laminar's seconds-per-stage line)")
    ap.add_argument("--start", type=float, required=True, help="epoch seconds before the launcher started")
    ap.add_argument("--end", type=float, required=True, help="epoch seconds after it ended")
    a = ap.parse_args()
    loads = first_loads(a.classload)
    create_vm = None
    for line in open(a.startuptime):
        m = re.search(r"\[(\d+\.\d+)s\].*Create VM, ([\d.]+) secs", line)
        if m:
            create_vm = float(m.group(1))
    wall = a.end - a.start
    marks = [(loads[c], name) for c, name in MARKERS if c in loads]
    last = max(loads.values())
    print(f"| phase | seconds | from (JVM uptime) |")
    print(f"|---|---|---|")
    if create_vm is not None:
        print(f"| JVM create (-Xlog:startuptime 'Create VM') | {create_vm:.2f} | 0 |")
    t_main = loads.get("laminar.cli.Main")
    if t_main is not None and create_vm is not None:
        print(f"| JVM: class path scan + main class load | {t_main - create_vm:.2f} | {create_vm:.2f} |")
    for (t, name), nxt in zip(marks, marks[1:] + [(last, None)]):
        print(f"| {name} | {nxt[0] - t:.2f} | {t:.2f} |")
    print(f"| launcher script + JVM exit (process wall − last class load) | {wall - last:.2f} | |")
    print(f"| **process wall** | **{wall:.2f}** | |")
    figs = [(loads["laminar.figures." + c], c) for c in FIG_MARKERS if "laminar.figures." + c in loads]
    end_fig = loads.get("laminar.report.RunMetadata", last)
    if figs:
        print()
        print("| figure (build + PNG + SVG) | seconds |")
        print("|---|---|")
        for (t, c), nxt in zip(figs, figs[1:] + [(end_fig, None)]):
            print(f"| {c} | {nxt[0] - t:.2f} |")
    for line in open(a.log):
        if "seconds per stage" in line:
            print()
            print(line.strip())


if __name__ == "__main__":
    main()
