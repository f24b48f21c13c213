package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One ipsecpol / ipseccmd command line, parsed (windows-semantics.md 5.2): an optional {@code
 * \\computer} first, then flags in any order and case. {@code -f} and {@code -n} take every
 * following argument up to the next flag (several specs, 5.2; offers with a lifetime).
 */
record ToolCommand(
    Kind kind,
    Optional<String> computer,
    String policy,
    SourceSpan policySpan,
    Optional<String> rule,
    SourceSpan ruleSpan,
    IpsecAction action,
    List<IpsecFilter> filters,
    boolean assign,
    boolean unassign,
    boolean delete,
    SourceSpan span) {

  enum Kind {
    /** {@code -w REG}: the local static store. */
    STATIC,
    /** No {@code -w}: filters plumbed straight into the agent (5.1 rule 2). */
    DYNAMIC,
    /** {@code -u}: every dynamic filter goes (5.1 rule 2). */
    DELETE_DYNAMIC,
    /** {@code ipseccmd show ...}, help: reads only. */
    QUERY
  }

  /** Flags and how many values they take: 1, or -1 for "up to the next flag", 0 for none. */
  private static final Map<String, Integer> FLAGS = new HashMap<>();

  static {
    for (String f : List.of("-w", "-p", "-r", "-t", "-1k", "-1e")) {
      FLAGS.put(f, 1);
    }
    for (String f : List.of("-f", "-n", "-a", "-1s", "-1f")) {
      FLAGS.put(f, -1);
    }
    for (String f : List.of("-x", "-y", "-o", "-u", "-1p", "-soft", "-confirm", "-dialup", "-lan")) {
      FLAGS.put(f, 0);
    }
  }

  // -a, -1s, -1k, -1p, -1f, -1e and -soft only shape how security is negotiated (5.2), not which
  // packets pass or are blocked: they are accepted and change nothing read.

  private static boolean isFlag(Tok t) {
    return t.text().startsWith("-") && t.text().length() > 1 && !t.variable();
  }

  /** The command, or empty with diagnostics. */
  static Optional<ToolCommand> parse(IpsecTool tool, Exec e, SourceFile file, Diagnostics diags) {
    List<Tok> a = new ArrayList<>(e.args());
    for (Tok t : a) {
      if (t.variable()) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(), "a variable's value is not known here");
        return Optional.empty();
      }
    }
    Optional<String> computer = Optional.empty();
    if (!a.isEmpty() && a.get(0).text().startsWith("\\\\")) {
      computer = Optional.of(a.get(0).text().substring(2));
      diags.warning(Codes.IPSEC_TOOL_READ_NOTE, a.get(0).span(),
          "this command changes the computer " + a.get(0).text() + " (5.2); the script is read as"
              + " that computer's store");
      a.remove(0);
    }
    if (a.isEmpty() || a.get(0).lower().equals("-?") || a.get(0).lower().equals("/?")
        || a.get(0).lower().equals("help")) {
      return Optional.of(query(computer, e));
    }
    if (a.get(0).lower().equals("show")) {
      if (tool != IpsecTool.IPSECCMD) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, a.get(0).span(), "ipsecpol has no 'show' (5.1)");
        return Optional.empty();
      }
      return Optional.of(query(computer, e));
    }
    Map<String, List<Tok>> values = new HashMap<>();
    Map<String, Tok> flags = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      Tok t = a.get(i);
      String f = t.lower();
      Integer arity = FLAGS.get(f);
      if (!isFlag(t) || arity == null) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(),
            isFlag(t) ? "unknown " + tool.program() + " flag '" + t.text() + "'"
                : "'" + t.text() + "' is not a flag; values follow the flag they belong to");
        return Optional.empty();
      }
      if (flags.containsKey(f)) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(), "flag '" + t.text() + "' is given twice");
        return Optional.empty();
      }
      flags.put(f, t);
      List<Tok> vs = new ArrayList<>();
      if (arity == 1) {
        if (i + 1 >= a.size() || isFlag(a.get(i + 1))) {
          diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(), "flag '" + t.text() + "' needs a value");
          return Optional.empty();
        }
        vs.add(a.get(++i));
      } else if (arity < 0) {
        while (i + 1 < a.size() && !isFlag(a.get(i + 1))) {
          vs.add(a.get(++i));
        }
        if (vs.isEmpty()) {
          diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(), "flag '" + t.text() + "' needs a value");
          return Optional.empty();
        }
      }
      values.put(f, vs);
    }
    for (String f : List.of("-t", "-dialup", "-lan")) {
      if (flags.containsKey(f)) {
        // A tunnel rule, or one for a connection type only, filters other packets than the ones
        // read here (5.2): not guessed.
        diags.error(Codes.IPSEC_TOOL_READ_UNSUPPORTED, flags.get(f).span(),
            "'" + flags.get(f).text() + "' (" + (f.equals("-t") ? "tunnel mode" : "one connection type only")
                + ") is not read: the packets the filters apply to are not known here");
        return Optional.empty();
      }
    }
    if (flags.containsKey("-confirm")) {
      diags.warning(Codes.IPSEC_TOOL_READ_NOTE, flags.get("-confirm").span(),
          "-confirm asks before plumbing; the script is read as if the answer is yes");
    }
    boolean assign = flags.containsKey("-x");
    boolean unassign = flags.containsKey("-y");
    boolean delete = flags.containsKey("-o");
    if (flags.containsKey("-u")) {
      if (flags.size() > 1) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, flags.get("-u").span(),
            "-u deletes every dynamic filter; with other flags it is not read");
        return Optional.empty();
      }
      return Optional.of(new ToolCommand(Kind.DELETE_DYNAMIC, computer, "", e.span(), Optional.empty(),
          e.span(), IpsecAction.PASS, List.of(), false, false, false, e.span()));
    }
    boolean staticMode = flags.containsKey("-w");
    if (staticMode) {
      Tok w = values.get("-w").get(0);
      String store = w.text().toUpperCase(Locale.ROOT);
      if (store.equals("DS") || store.startsWith("DS:")) {
        // 5.1 rule 4: a directory policy is a domain (GPO) policy, outside the local store.
        diags.error(Codes.IPSEC_TOOL_READ_UNSUPPORTED, w.span(),
            "-w DS writes a policy to the directory (a domain policy), which is not read here");
        return Optional.empty();
      }
      if (!store.equals("REG")) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, w.span(), "-w takes REG or DS[:domain], not '" + w.text() + "'");
        return Optional.empty();
      }
    } else if (assign || unassign || delete || flags.containsKey("-r")) {
      Tok t = flags.get(assign ? "-x" : unassign ? "-y" : delete ? "-o" : "-r");
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, t.span(),
          "'" + t.text() + "' acts on a stored policy and needs static mode (-w REG)");
      return Optional.empty();
    }
    int toggles = (assign ? 1 : 0) + (unassign ? 1 : 0) + (delete ? 1 : 0);
    if (toggles > 1) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.span(), "-x, -y and -o exclude each other");
      return Optional.empty();
    }
    List<Tok> specTokens = values.getOrDefault("-f", List.of());
    if (delete && !specTokens.isEmpty()) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, flags.get("-o").span(), "-o with -f is not read");
      return Optional.empty();
    }
    Optional<IpsecAction> negAction = Optional.empty();
    if (flags.containsKey("-n")) {
      List<Tok> n = values.get("-n");
      String text = String.join(" ", n.stream().map(Tok::text).toList());
      negAction = FilterSpecs.parseAction(text);
      if (negAction.isEmpty()) {
        diags.error(Codes.IPSEC_TOOL_READ_SPEC, n.get(0).span(),
            "'-n " + text + "' is not PASS, BLOCK, INPASS or a list of ESP[...]/AH[...] offers");
        return Optional.empty();
      }
    }
    List<IpsecFilter> filters = new ArrayList<>();
    IpsecAction staticAction = null;
    boolean ok = true;
    for (Tok t : specTokens) {
      FilterSpecs.Parsed parsed = FilterSpecs.parse(t.text());
      if (parsed.problem().isPresent()) {
        FilterSpecs.Problem p = parsed.problem().get();
        diags.error(p.unsupported() ? Codes.IPSEC_TOOL_READ_UNSUPPORTED : Codes.IPSEC_TOOL_READ_SPEC,
            within(file, t, p.offset(), p.length()), p.message());
        ok = false;
        continue;
      }
      FilterSpecs.Spec spec = parsed.spec().orElseThrow();
      IpsecAction action;
      if (spec.bracket() != FilterSpecs.Bracket.NONE) {
        if (staticMode) {
          // 5.3 rule 6 documents the brackets for dynamic mode only.
          diags.error(Codes.IPSEC_TOOL_READ_SPEC, within(file, t, 0, 1),
              "brackets ( ) and [ ] are dynamic-mode shorthand (5.3 rule 6); in static mode their"
                  + " meaning is not documented");
          ok = false;
          continue;
        }
        action = spec.bracket() == FilterSpecs.Bracket.PASS ? IpsecAction.PASS : IpsecAction.BLOCK;
      } else if (negAction.isPresent()) {
        action = negAction.get();
      } else {
        diags.warning(Codes.IPSEC_TOOL_READ_NOTE, t.span(),
            "no -n: the filter is read as negotiating security (the tools' default action is a"
                + " security negotiation; UNCONFIRMED)");
        action = IpsecAction.NEGOTIATE;
      }
      filters.add(spec.withAction(action));
      staticAction = action;
    }
    if (!ok) {
      return Optional.empty();
    }
    if (!staticMode) {
      if (specTokens.isEmpty()) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.span(), "a dynamic-mode command needs -f (or -u)");
        return Optional.empty();
      }
      if (tool == IpsecTool.IPSECPOL) {
        diags.warning(Codes.IPSEC_TOOL_READ_NOTE, flags.get("-f").span(),
            "ipsecpol's dynamic filters last only until the IPsec Policy Agent restarts or the computer"
                + " reboots (windows-semantics.md 5.1 rule 2, C9)");
      }
      return Optional.of(new ToolCommand(Kind.DYNAMIC, computer, "", e.span(), Optional.empty(), e.span(),
          IpsecAction.PASS, filters, false, false, false, e.span()));
    }
    Tok p = flags.get("-p");
    if (p == null) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.span(), "static mode (-w REG) needs -p \"policy\"");
      return Optional.empty();
    }
    Tok policyTok = values.get("-p").get(0);
    String policy = policyTok.text();
    int poll = policy.lastIndexOf(':');
    if (poll > 0 && policy.substring(poll + 1).matches("[0-9]+")) {
      policy = policy.substring(0, poll); // -p Name:PollInterval (5.1 rule 4)
    }
    if (policy.isEmpty()) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, policyTok.span(), "empty policy name");
      return Optional.empty();
    }
    Optional<String> rule = Optional.empty();
    SourceSpan ruleSpan = e.span();
    if (flags.containsKey("-r")) {
      Tok r = values.get("-r").get(0);
      rule = Optional.of(r.text());
      ruleSpan = r.span();
    }
    if (!filters.isEmpty()) {
      if (rule.isEmpty()) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, flags.get("-f").span(),
            "static filters need a rule name (-r \"rule\")");
        return Optional.empty();
      }
    } else if (!assign && !unassign && !delete) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.span(),
          "this static command neither adds filters (-f) nor assigns, unassigns or deletes (-x, -y, -o);"
              + " its effect is not known");
      return Optional.empty();
    }
    return Optional.of(new ToolCommand(Kind.STATIC, computer, policy, policyTok.span(), rule, ruleSpan,
        staticAction == null ? IpsecAction.PASS : staticAction, filters, assign, unassign, delete, e.span()));
  }

  private static ToolCommand query(Optional<String> computer, Exec e) {
    return new ToolCommand(Kind.QUERY, computer, "", e.span(), Optional.empty(), e.span(),
        IpsecAction.PASS, List.of(), false, false, false, e.span());
  }

  /** The span of chars {@code offset..offset+length} of a token, when the token was written plainly. */
  private static SourceSpan within(SourceFile file, Tok t, int offset, int length) {
    SourceSpan s = t.span();
    if (!t.raw().equals(t.text()) || offset + length > t.text().length() || !s.isKnown()) {
      return s;
    }
    return SourceSpan.at(s.source(), s.line(), s.column() + offset, Math.max(1, length));
  }
}
