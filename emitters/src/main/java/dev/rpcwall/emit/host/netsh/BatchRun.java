package dev.rpcwall.emit.host.netsh;

import static dev.rpcwall.emit.cmd.CmdCommands.commandName;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.netsh.BatchParser;
import dev.rpcwall.emit.netsh.BatchParser.Cond;
import dev.rpcwall.emit.netsh.BatchParser.CondElse;
import dev.rpcwall.emit.netsh.BatchParser.CondEnd;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Exit;
import dev.rpcwall.emit.netsh.BatchParser.Goto;
import dev.rpcwall.emit.netsh.BatchParser.Label;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a batch script the way an admin's script runs once, as far as its effect on the firewall
 * goes: the commands {@link BatchParser} finds, in order, with {@code set} variables expanded when
 * a command uses them, {@code call :label args} with {@code %1..%9}, {@code shift}, {@code goto}
 * and {@code exit}. Choices where the host decides (each reads every command once, and hides no
 * exposure): a command is assumed to succeed ({@code ||} and {@code if errorlevel 1} bodies do not
 * run); the {@code /whatif} branch of rpcwall's scripts does not run; a body under a condition only
 * the host can decide ({@code if exist}, {@code if defined}, comparisons, {@code for /f}) runs once,
 * and both branches of its {@code else} run, but a {@code goto} or {@code exit} in such a body is
 * not taken. A variable the script never set stays unresolved: the field that uses it becomes
 * unknown ({@link RuleFields}).
 */
final class BatchRun {
  /** More steps than this is a loop: the rest of the script is not read. */
  private static final int MAX_STEPS = 200_000;

  /**
   * A label jumped to more often than this is a loop (each pass would add its rules again): the
   * rest is not read.
   */
  private static final int MAX_JUMPS = 100;

  private final SourceFile file;
  private final List<HostNote> notes;
  private final Commands commands;
  private final Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  /** Variables set from something only the host knows ({@code set /p}, {@code set /a}, a loop). */
  private final Map<String, Boolean> unknownVars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private boolean delayed;

  private record Frame(List<String> args, int returnTo, Deque<Cond> conds, int uncertain) {}

  BatchRun(SourceFile file, HostState host, List<HostNote> notes) {
    this.file = file;
    this.notes = notes;
    this.commands = new Commands(host, notes);
  }

  void run() {
    Diagnostics diags = new Diagnostics();
    List<Op> ops = new BatchParser(file, diags).parse();
    for (Diagnostic d : diags.sorted()) {
      notes.add(HostNote.unreadable(d.span(), d.message(), "rewrite this part of the script"));
    }
    run(ops);
  }

  private void run(List<Op> ops) {
    Map<String, Integer> labels = new HashMap<>();
    int[] elseOf = new int[ops.size()];
    int[] endOf = new int[ops.size()];
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op instanceof Label l) {
        labels.putIfAbsent(l.name(), i);
      } else if (op instanceof CondStart) {
        open.push(i);
      } else if (op instanceof CondElse && !open.isEmpty()) {
        elseOf[open.peek()] = i;
      } else if (op instanceof CondEnd && !open.isEmpty()) {
        int start = open.pop();
        endOf[start] = i;
        if (elseOf[start] > 0) {
          endOf[elseOf[start]] = i;
        }
      }
    }
    // Each open condition: its kind, and whether its body is only possibly run.
    Deque<Cond> conds = new ArrayDeque<>();
    Deque<Frame> frames = new ArrayDeque<>();
    List<String> args = List.of();
    int uncertain = 0;
    int steps = 0;
    Map<Integer, Integer> jumps = new HashMap<>();
    int pc = 0;
    while (true) {
      if (pc >= ops.size()) {
        if (frames.isEmpty()) {
          return;
        }
        Frame f = frames.pop();
        args = frames.isEmpty() ? List.of() : frames.peek().args();
        pc = f.returnTo();
        conds = f.conds();
        uncertain = f.uncertain();
        continue;
      }
      if (++steps > MAX_STEPS) {
        notes.add(HostNote.unreadable(span(ops.get(pc)), "the script loops here (goto without an"
            + " end); the rest is not read", "make the loop end"));
        return;
      }
      Op op = ops.get(pc);
      if (op instanceof Label) {
        pc++;
      } else if (op instanceof CondStart c) {
        Cond kind = c.cond();
        int after = elseOf[pc] > 0 ? elseOf[pc] : endOf[pc];
        boolean runs = kind == Cond.ON_SUCCESS || kind == Cond.UNKNOWN || kind == Cond.LOOP;
        if (runs) {
          conds.push(kind);
          if (kind != Cond.ON_SUCCESS) {
            uncertain++;
          }
          pc++;
        } else if (after > 0 && ops.get(after) instanceof CondElse) {
          // The body does not run; its else does (certainly: the condition is known false).
          conds.push(Cond.ON_SUCCESS);
          pc = after + 1;
        } else {
          pc = after > 0 ? after + 1 : ops.size();
        }
      } else if (op instanceof CondElse) {
        Cond kind = conds.isEmpty() ? Cond.ON_SUCCESS : conds.peek();
        if (kind == Cond.ON_SUCCESS) {
          // the then-branch ran: the else does not
          conds.poll();
          int end = endOf[pc];
          pc = end > 0 ? end + 1 : ops.size();
        } else {
          pc++; // both branches may run
        }
      } else if (op instanceof CondEnd) {
        Cond kind = conds.poll();
        if (kind != null && kind != Cond.ON_SUCCESS) {
          uncertain--;
        }
        pc++;
      } else if (op instanceof Goto g) {
        if (uncertain > 0) {
          pc++;
          continue;
        }
        Integer target = labels.get(g.target());
        if (target == null) {
          notes.add(HostNote.unreadable(g.span(), "label ':" + g.target() + "' is not in the script;"
              + " the rest is not read", "add the label"));
          return;
        }
        if (jumps.merge(target, 1, Integer::sum) > MAX_JUMPS) {
          notes.add(HostNote.unreadable(g.span(), "the script jumps back to ':" + g.target()
              + "' again and again (a loop); the rest is not read", "make the loop end"));
          return;
        }
        conds.clear();
        pc = target + 1;
      } else if (op instanceof Exit) {
        if (uncertain > 0) {
          pc++;
          continue;
        }
        if (frames.isEmpty()) {
          return;
        }
        Frame f = frames.pop();
        args = frames.isEmpty() ? List.of() : frames.peek().args();
        pc = f.returnTo();
        conds = f.conds();
        uncertain = f.uncertain();
      } else if (op instanceof Exec e) {
        pc++;
        String name = commandName(e.name());
        List<Tok> toks = e.args();
        if (name.equals("call")) {
          if (toks.isEmpty()) {
            continue;
          }
          String first = toks.get(0).text();
          if (first.startsWith(":")) {
            Integer target = labels.get(first.substring(1).toLowerCase(Locale.ROOT));
            if (target == null) {
              notes.add(HostNote.unreadable(toks.get(0).span(), "label '" + first + "' is not in"
                  + " the script; the call is not read", "add the label"));
              continue;
            }
            if (frames.size() > 64) {
              notes.add(HostNote.unreadable(e.span(), "calls nest too deep here; the call is not"
                  + " read", "make the recursion end"));
              continue;
            }
            List<String> callArgs = new ArrayList<>();
            for (int k = 1; k < toks.size(); k++) {
              callArgs.add(expandRaw(toks.get(k), args, new ArrayList<>(), uncertain > 0));
            }
            // The subroutine's own conditions start afresh; a call under an undecided condition
            // runs once, and its body is read like the rest.
            frames.push(new Frame(callArgs, pc, conds, uncertain));
            args = callArgs;
            uncertain = 0;
            conds = new ArrayDeque<>();
            pc = target + 1;
            continue;
          }
          // 'call other.cmd' or 'call netsh ...': the rest is a command.
          if (first.toLowerCase(Locale.ROOT).matches(".*\\.(cmd|bat)")) {
            notes.add(HostNote.unreadable(toks.get(0).span(), "'call " + first + "' runs another"
                + " script, which is not read here", "give that script as its own input"));
            continue;
          }
          Tok nameTok = toks.get(0);
          exec(nameTok, toks.subList(1, toks.size()), e.span(), args, uncertain > 0);
          continue;
        }
        if (name.equals("shift")) {
          if (!args.isEmpty()) {
            args = args.subList(1, args.size());
            if (!frames.isEmpty()) {
              Frame f = frames.pop();
              frames.push(new Frame(args, f.returnTo(), f.conds(), f.uncertain()));
            }
          }
          continue;
        }
        if (name.equals("setlocal")) {
          for (Tok t : toks) {
            if (t.lower().equals("enabledelayedexpansion")) {
              delayed = true;
            } else if (t.lower().equals("disabledelayedexpansion")) {
              delayed = false;
            }
          }
          continue;
        }
        if (name.equals("set")) {
          set(toks, args, uncertain > 0 || conds.contains(Cond.LOOP));
          continue;
        }
        exec(e.name(), toks, e.span(), args, uncertain > 0);
      } else {
        pc++;
      }
    }
  }

  private static SourceSpan span(Op op) {
    if (op instanceof Exec e) {
      return e.span();
    }
    if (op instanceof Goto g) {
      return g.span();
    }
    if (op instanceof Label l) {
      return l.span();
    }
    if (op instanceof Exit x) {
      return x.span();
    }
    if (op instanceof CondStart c) {
      return c.span();
    }
    if (op instanceof CondElse c) {
      return c.span();
    }
    return ((CondEnd) op).span();
  }

  private void exec(Tok nameTok, List<Tok> toks, SourceSpan span, List<String> args, boolean maybe) {
    List<Arg> expanded = new ArrayList<>();
    for (Tok t : toks) {
      expand(t, args, expanded);
    }
    List<Arg> name = new ArrayList<>();
    expand(nameTok, args, name);
    if (name.isEmpty()) {
      return;
    }
    Arg n = name.get(0);
    if (name.size() > 1) {
      expanded.addAll(0, name.subList(1, name.size()));
    }
    if (!n.known()) {
      notes.add(HostNote.unreadable(n.span(), n.ref() + " is not set in the"
          + " script: the command it names is not known", "write the command out"));
      return;
    }
    commands.run(commandName(n), n, expanded, span);
  }

  /**
   * {@code set NAME=value} (the value is the rest of the command, quotes kept), {@code set
   * "NAME=value"} (the quotes removed), {@code set NAME=} (removed). {@code set /p} and {@code
   * set /a}, and a set under a loop, give a value the script does not know.
   */
  private void set(List<Tok> toks, List<String> args, boolean unknown) {
    if (toks.isEmpty()) {
      return;
    }
    String first = toks.get(0).lower();
    boolean prompt = first.equals("/p") || first.equals("/a");
    List<Tok> rest = prompt ? toks.subList(1, toks.size()) : toks;
    if (rest.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder();
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < rest.size(); k++) {
      if (k > 0) {
        line.append(' ');
      }
      line.append(expandRaw(rest.get(k), args, missing, false));
    }
    String text = line.toString();
    if (text.startsWith("\"")) {
      int last = text.lastIndexOf('"');
      text = last > 0 ? text.substring(1, last) : text.substring(1);
    } else {
      // cmd.exe keeps quotes in the value; carets outside quotes still escape.
      text = unescape(text);
    }
    int eq = text.indexOf('=');
    if (eq <= 0) {
      return; // 'set NAME' lists variables
    }
    String name = text.substring(0, eq).trim();
    String value = text.substring(eq + 1);
    if (prompt || unknown || !missing.isEmpty()) {
      env.remove(name);
      unknownVars.put(name, Boolean.TRUE);
      return;
    }
    unknownVars.remove(name);
    if (value.isEmpty()) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
  }

  /** Removes carets that escape the next char outside quotes (cmd.exe phase 2). */
  private static String unescape(String s) {
    if (s.indexOf('^') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '^' && !quoted && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Expands one token and splits the result as netsh receives it (cmd.exe expands variables before
   * it splits, so a value with spaces may give several arguments).
   */
  private void expand(Tok t, List<String> args, List<Arg> out) {
    if (!t.variable() && !(delayed && t.raw().indexOf('!') >= 0)) {
      out.add(Arg.of(t.text(), t.span()));
      return;
    }
    List<String> missing = new ArrayList<>();
    String raw = expandRaw(t, args, missing, false);
    split(raw, t.span(), missing, out);
  }

  /** The raw text of {@code t} with its variables replaced; names never set go to {@code missing}. */
  private String expandRaw(Tok t, List<String> args, List<String> missing, boolean unused) {
    String raw = t.raw();
    if (!t.variable() && !(delayed && raw.indexOf('!') >= 0)) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length() + 16);
    boolean found = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 1 < raw.length()) {
        char d = raw.charAt(i + 1);
        if (Character.isDigit(d) || d == '*') {
          found = true;
          i++;
          if (d == '*') {
            b.append(String.join(" ", args));
          } else if (d == '0') {
            missing.add("0");
            b.append("%0");
          } else {
            int n = d - '1';
            b.append(n < args.size() ? args.get(n) : "");
          }
          continue;
        }
        if (d == '~') {
          int k = i + 2;
          while (k < raw.length() && Character.isLetter(raw.charAt(k))) {
            k++;
          }
          if (k < raw.length() && Character.isDigit(raw.charAt(k))) {
            found = true;
            String mods = raw.substring(i + 2, k);
            int n = raw.charAt(k) - '1';
            String v = n >= 0 && n < args.size() ? args.get(n) : "";
            if (mods.isEmpty()) {
              v = v.replace("\"", "");
            } else {
              missing.add("~" + mods + raw.charAt(k));
            }
            b.append(v);
            i = k;
            continue;
          }
        }
        int close = raw.indexOf('%', i + 1);
        if (close > i + 1) {
          String name = raw.substring(i + 1, close);
          if (name.indexOf(' ') < 0 || env.containsKey(name)) {
            found = true;
            String v = name.indexOf(':') < 0 ? env.get(name) : null;
            if (v == null) {
              missing.add(name);
              b.append('%').append(name).append('%');
            } else {
              b.append(v);
            }
            i = close;
            continue;
          }
        }
      }
      if (c == '!' && delayed) {
        int close = raw.indexOf('!', i + 1);
        if (close > i + 1) {
          String name = raw.substring(i + 1, close);
          found = true;
          String v = env.get(name);
          if (v == null) {
            missing.add(name);
            b.append('!').append(name).append('!');
          } else {
            b.append(v);
          }
          i = close;
          continue;
        }
      }
      b.append(c);
    }
    if (!found && t.variable()) {
      // '%%A' of a for /f: the line of a file on the host
      missing.add(t.text().replaceAll("^.*?(%[A-Za-z]).*$", "$1"));
    }
    return b.toString();
  }

  /** Splits {@code raw} at unquoted blanks, removing quotes and escaping carets. */
  static void split(String raw, SourceSpan span, List<String> missing, List<Arg> out) {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
        continue;
      }
      if (!quoted && (c == ' ' || c == '\t')) {
        if (any) {
          out.add(new Arg(b.toString(), span, mentioned(b, missing)));
          b.setLength(0);
          any = false;
        }
        continue;
      }
      if (!quoted && c == '^' && i + 1 < raw.length()) {
        c = raw.charAt(++i);
      }
      b.append(c);
      any = true;
    }
    if (any) {
      out.add(new Arg(b.toString(), span, mentioned(b, missing)));
    }
  }

  /** The unresolved names whose reference is in {@code text} (all of them when none is found). */
  private static List<String> mentioned(CharSequence text, List<String> missing) {
    if (missing.isEmpty()) {
      return List.of();
    }
    String s = text.toString();
    List<String> out = new ArrayList<>();
    for (String m : missing) {
      if (s.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }
}
