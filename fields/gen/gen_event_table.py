#!/usr/bin/env python3
"""Generates the C++ event table (arrays declared in fields/event_table_data.h) from the libscap
tables in fields/data: events.json, flags.json, syscalls.json, errno.json and
converter.json.

usage: gen_event_table.py DATADIR OUT.cpp

The tables are data, so they stay data: this script only transcribes them into
constant arrays (no logic), and refuses input that does not fit the C++ types,
so that a change in the JSON shows up as a build error rather than as a silent
truncation.
"""
import json
import os
import sys

FORMATS = {
    "PF_NA": "Na", "PF_DEC": "Dec", "PF_HEX": "Hex", "PF_OCT": "Oct",
    "PF_10_PADDED_DEC": "Pad10", "PF_ID": "Id", "PF_DIR": "Dir",
}
ACTIONS = {
    "C_ACTION_PASS": "Pass", "C_ACTION_STORE": "Store",
    "C_ACTION_STORE_AND_PASS": "StoreAndPass", "C_ACTION_ADD_PARAMS": "AddParams",
    "C_ACTION_CHANGE_TYPE": "ChangeType",
}
INSTRS = {
    "C_INSTR_FROM_OLD": "FromOld", "C_INSTR_FROM_ENTER": "FromEnter",
    "C_INSTR_FROM_EMPTY": "FromEmpty", "C_INSTR_FROM_DEFAULT": "FromDefault",
    "C_INSTR_FROM_CALLBACK": "FromCallback",
}


def fail(msg):
    sys.stderr.write("gen_event_table.py: %s\n" % msg)
    sys.exit(1)


def load(datadir, name):
    with open(os.path.join(datadir, name)) as f:
        return json.load(f)


def cstr(s):
    """A C++ string literal usable as a std::string_view initialiser."""
    out = []
    for ch in s:
        if ch in '\\"':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append("\\x%02x" % ord(ch))
    return '"' + "".join(out) + '"'


def field_type(pt):
    if not pt.startswith("PT_"):
        fail("bad param type %r" % pt)
    return "FieldType::" + pt[3:]


def fmt(pf):
    if pf not in FORMATS:
        fail("unknown print format %r" % pf)
    return "ParamFormat::" + FORMATS[pf]


def ident(name):
    return "".join(c if c.isalnum() else "_" for c in name)



class Writer:
    def __init__(self):
        self.lines = []

    def add(self, line=""):
        self.lines.append(line)

    def text(self):
        return "\n".join(self.lines) + "\n"


def emit_flag_tables(w, flags):
    """Name/value tables (and the signal names) -> kFlag_<name> arrays."""
    names = [k for k, v in flags.items() if isinstance(v, list)]
    for name in names:
        # Entries marked only_if '!defined(CONFIG_64BIT)' are kept: that kernel
        # macro is never defined in user space, so libsinsp's tables have them.
        entries = flags[name]
        w.add("const FlagName kFlag_%s[] = {" % ident(name))
        for e in entries:
            v = e["value"]
            if not 0 <= v <= 0xFFFFFFFF:
                fail("flag %s.%s value %r does not fit uint32" % (name, e["name"], v))
            w.add("    {%s, %du}," % (cstr(e["name"]), v))
        w.add("};")
    w.add("const NamedFlagTable kFlagTableArray[] = {")
    for name in names:
        w.add("    {%s, kFlag_%s}," % (cstr(name), ident(name)))
    w.add("};")
    return set(names)


def emit_dyn_tables(w, flags):
    dyn = flags["dynamic_params"]
    for name, entries in dyn.items():
        w.add("const DynParamInfo kDyn_%s[] = {" % ident(name))
        for i, e in enumerate(entries):
            if e["index"] != i:
                fail("dynamic table %s is not dense at %d" % (name, i))
            w.add("    {%d, %s, %s}," % (e["index"], field_type(e["type"]), fmt(e["fmt"])))
        w.add("};")
    w.add("const NamedDynTable kDynTableArray[] = {")
    for name in dyn:
        w.add("    {%s, kDyn_%s}," % (cstr(name), ident(name)))
    w.add("};")
    return set(dyn)


def emit_events(w, events, flag_names, dyn_names):
    for i, ev in enumerate(events):
        if ev["code"] != i:
            fail("events.json is not indexed by code at %d" % i)
        if ev["nparams"] != len(ev["params"]):
            fail("event %d: nparams %d != %d params" % (i, ev["nparams"], len(ev["params"])))
        if not ev["params"]:
            continue
        w.add("const ParamInfo kParams_%d[] = {" % i)
        for p in ev["params"]:
            info = p.get("info", "")
            table = "{}"
            if info and p["type"] != "PT_DYN":
                if info not in flag_names:
                    fail("event %d param %s: unknown table %s" % (i, p["name"], info))
                table = "kFlag_%s" % ident(info)
            if p["type"] == "PT_DYN" and info not in dyn_names:
                fail("event %d param %s: unknown dynamic table %s" % (i, p["name"], info))
            w.add("    {%s, %s, %s, %s, %s, %d}," % (
                cstr(p["name"]), field_type(p["type"]), fmt(p["fmt"]), table, cstr(info),
                p.get("dirfd_param", -1)))
        w.add("};")
    w.add("const EventInfo kEventArray[] = {")
    for i, ev in enumerate(events):
        params = "kParams_%d" % i if ev["params"] else "{}"
        w.add("    {%d, %s, %s, '%s', %du, %s, %du, %s}," % (
            i, cstr(ev["id"]), cstr(ev["name"]), ev["dir"], ev["category_value"],
            cstr(ev["category"]), ev["flags_value"], params))
    w.add("};")


def event_code(ref):
    return ref["code"] if ref else -1


def emit_syscalls(w, sc):
    w.add("const SyscallInfo kSyscallArray[] = {")
    for s in sc["syscalls"]:
        w.add("    {%d, %s, %d, %d, %d, %s}," % (
            s["nr"], cstr(s["name"]), s["ppm_sc"]["code"],
            event_code(s.get("enter_event")), event_code(s.get("exit_event")),
            "true" if s["generic"] else "false"))
    w.add("};")
    ppm = sorted(sc["ppm_sc"], key=lambda r: r["code"])
    for i, r in enumerate(ppm):
        if r["code"] != i:
            fail("ppm_sc list is not dense at %d" % i)
    w.add("const std::string_view kPpmScNameArray[] = {")
    for r in ppm:
        w.add("    %s," % cstr(r["name"]))
    w.add("};")


def emit_errno(w, errno):
    items = sorted((int(k), v) for k, v in errno["errno"].items())
    w.add("const ErrnoName kErrnoArray[] = {")
    for k, v in items:
        w.add("    {%d, %s}," % (k, cstr(v)))
    w.add("};")


def emit_conversions(w, conv, n_events):
    rows = conv["conversions"]
    for i, c in enumerate(rows):
        instrs = c.get("instrs", [])
        if not instrs:
            continue
        w.add("const ConversionInstr kConvInstrs_%d[] = {" % i)
        for ins in instrs:
            if ins["instr"] not in INSTRS:
                fail("unknown converter instruction %r" % ins["instr"])
            w.add("    {ConversionInstrKind::%s, %d, %s}," % (
                INSTRS[ins["instr"]], ins.get("param", 0),
                "true" if ins.get("flag") == "CIF_FALLBACK_TO_EMPTY" else "false"))
        w.add("};")
    w.add("const Conversion kConversionArray[] = {")
    for i, c in enumerate(rows):
        if c["action"] not in ACTIONS:
            fail("unknown converter action %r" % c["action"])
        desired = c.get("desired_code", 0)
        if not 0 <= desired < n_events:
            fail("conversion %d: desired code %r out of range" % (i, desired))
        instrs = "kConvInstrs_%d" % i if c.get("instrs") else "{}"
        w.add("    {%d, %d, ConversionAction::%s, %d, %s}," % (
            c["code"], c["nparams"], ACTIONS[c["action"]], desired, instrs))
    w.add("};")


def main():
    if len(sys.argv) != 3:
        fail("usage: gen_event_table.py DATADIR OUT.cpp")
    datadir, out = sys.argv[1], sys.argv[2]
    events = load(datadir, "events.json")
    flags = load(datadir, "flags.json")
    sc = load(datadir, "syscalls.json")
    errno = load(datadir, "errno.json")
    conv = load(datadir, "converter.json")

    w = Writer()
    w.add("// Generated by fields/gen/gen_event_table.py from fields/data/*.json. Do not edit.")
    w.add('#include "fields/event_table_data.h"')
    w.add("")
    w.add("namespace eg::gen {")
    w.add("namespace {")
    flag_names = emit_flag_tables(w, flags)
    dyn_names = emit_dyn_tables(w, flags)
    emit_events(w, events, flag_names, dyn_names)
    emit_syscalls(w, sc)
    emit_errno(w, errno)
    emit_conversions(w, conv, len(events))
    w.add("}  // namespace")
    w.add("")
    w.add("const std::span<const EventInfo> kEvents = kEventArray;")
    w.add("const std::span<const SyscallInfo> kSyscalls = kSyscallArray;")
    w.add("const std::span<const std::string_view> kPpmScNames = kPpmScNameArray;")
    w.add("const std::span<const NamedFlagTable> kFlagTables = kFlagTableArray;")
    w.add("const std::span<const NamedDynTable> kDynTables = kDynTableArray;")
    w.add("const std::span<const ErrnoName> kErrnoNames = kErrnoArray;")
    w.add("const std::span<const Conversion> kConversions = kConversionArray;")
    w.add("}  // namespace eg::gen")

    text = w.text()
    try:
        with open(out) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
