package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a {@code .cmd} file the way cmd.exe does, as far as the netsh reader needs: percent
 * expansion of a batch file ({@code %%} is {@code %}, other {@code %...} are variables whose value
 * is unknown), caret escapes and line continuation, quotes, {@code & && || |}, redirections,
 * {@code ( )} blocks, {@code if}, {@code for /f}, labels, {@code goto} and {@code exit}. Arguments of external
 * commands are split as netsh sees them: on unquoted white space, with the quotes removed. The
 * result is a flat list of {@link Op}s with their spans; it never throws.
 */
public final class BatchParser {
  // Patterns compiled once: these run per command and per filter of scripts with many filters.
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
  private static final Pattern LOOP_VARIABLE = Pattern.compile("%[A-Za-z]");

  /** One argument: text with quotes and escapes removed, and where it was. */
  public record Tok(String text, SourceSpan span, boolean variable, String raw)
      implements CmdHostSettings.Arg {
    public String lower() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  /** When a conditional body runs. */
  public enum Cond {
    /** Only after the previous command succeeded (or always). */
    ON_SUCCESS,
    /** Only after the previous command failed. */
    ON_FAILURE,
    /** Depends on something only the host knows (a file, a variable). */
    UNKNOWN,
    /**
     * {@code "%~1"=="/whatif"}: the script runs as a dry run (issue 12 point 6). Either way may
     * be taken; the reader requires the dry run to change nothing.
     */
    WHATIF,
    /**
     * The body of a {@code for /f}: it runs once per line of a file on the host, so neither the
     * number of runs nor the value of the loop variable is known.
     */
    LOOP
  }

  public sealed interface Op permits Exec, Label, Goto, Exit, CondStart, CondElse, CondEnd {}

  /** A simple command: its name and arguments. */
  public record Exec(Tok name, List<Tok> args, SourceSpan span) implements Op {}

  public record Label(String name, SourceSpan span) implements Op {}

  public record Goto(String target, SourceSpan span) implements Op {}

  /** {@code exit} or {@code goto :eof}; {@code code} is -1 when none is given. */
  public record Exit(int code, SourceSpan span) implements Op {}

  /**
   * The start of a conditional body; {@code set} is a {@code for /f} loop's set (the text between
   * its parentheses), empty for every other condition.
   */
  public record CondStart(Cond cond, SourceSpan span, String set) implements Op {
    public CondStart(Cond cond, SourceSpan span) {
      this(cond, span, "");
    }
  }

  public record CondElse(SourceSpan span) implements Op {}

  public record CondEnd(SourceSpan span) implements Op {}

  private static final char NL = '\n';

  private final SourceFile file;
  private final Diagnostics diags;
  private final List<Op> ops = new ArrayList<>();

  /** The variable letters of the {@code for} loops whose body is being read (case-sensitive). */
  private final java.util.Set<Character> loopVariables = new java.util.HashSet<>();

  // The file after phase 1, one logical line after another, each ended by NL.
  private char[] ch = new char[256];
  private int[] ln = new int[256];
  private int[] co = new int[256];
  private boolean[] var = new boolean[256];
  private int len;
  private int pos;

  public BatchParser(SourceFile file, Diagnostics diags) {
    this.file = file;
    this.diags = diags;
  }

  public List<Op> parse() {
    expand();
    while (pos < len) {
      skipBlanks(true);
      if (pos >= len) {
        break;
      }
      int lineStart = pos;
      skipAt();
      if (peek() == ':') {
        label(lineStart);
        continue;
      }
      sequence(0);
      if (pos < len && ch[pos] != NL) {
        int from = pos;
        error(Codes.NETSH_READ_SYNTAX, from, 1, "unexpected '" + ch[pos] + "'");
        skipLine();
      }
    }
    return ops;
  }

  // Phase 1: percent expansion and line continuation
  // ================================================

  private void expand() {
    // At most every char of the file plus one line end per line: allocate once, not by doubling.
    grow(file.text().length() + file.lineCount() + 1);
    boolean continued = false;
    for (int line = 1; line <= file.lineCount(); line++) {
      String text = file.line(line);
      if (!continued && len > 0) {
        push(NL, line - 1, file.line(line - 1).length() + 1, false);
      }
      int start = len;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '%') {
          // Everything up to the next '%' is copied as it is, in one go.
          int pct = text.indexOf('%', i);
          i = copy(text, i, pct < 0 ? text.length() : pct, line) - 1;
          continue;
        }
        if (i + 1 < text.length() && text.charAt(i + 1) == '%') {
          push('%', line, i + 1, false);
          i++;
          continue;
        }
        // Any other '%' starts a variable or argument reference; its value is only known when
        // the script runs, so its characters are marked and never read as a value.
        int end = variableEnd(text, i);
        for (int k = i; k < end; k++) {
          push(text.charAt(k), line, k + 1, true);
        }
        i = end - 1;
      }
      continued = endsWithContinuation(start);
      if (continued) {
        len--; // drop the caret; the next line joins this one
      }
    }
    if (len > 0) {
      push(NL, file.lineCount(), file.line(file.lineCount()).length() + 1, false);
    }
  }

  /** Appends chars {@code from..to} of one line (none of them '%'); returns {@code to}. */
  private int copy(String text, int from, int to, int line) {
    int n = to - from;
    if (len + n > ch.length) {
      grow(Math.max(len + n, 2 * len));
    }
    text.getChars(from, to, ch, len);
    java.util.Arrays.fill(ln, len, len + n, line);
    java.util.Arrays.fill(var, len, len + n, false);
    for (int k = 0; k < n; k++) {
      co[len + k] = from + k + 1;
    }
    len += n;
    return to;
  }

  private static int variableEnd(String text, int at) {
    if (at + 1 >= text.length()) {
      return at + 1;
    }
    char next = text.charAt(at + 1);
    if (Character.isDigit(next) || next == '*') {
      return at + 2;
    }
    if (next == '~') {
      int k = at + 2;
      while (k < text.length() && !Character.isDigit(text.charAt(k)) && text.charAt(k) != ' ') {
        k++;
      }
      return Math.min(text.length(), k + 1);
    }
    int close = text.indexOf('%', at + 1);
    return close < 0 ? at + 1 : close + 1;
  }

  /** A caret that ends a line outside quotes joins the next line (cmd.exe phase 2). */
  private boolean endsWithContinuation(int start) {
    if (len == start || ch[len - 1] != '^') {
      return false; // only a caret at the very end can continue the line
    }
    boolean quoted = false;
    boolean escaped = false;
    for (int k = start; k < len; k++) {
      char c = ch[k];
      if (escaped) {
        escaped = false;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '^' && !quoted) {
        if (k == len - 1) {
          return true;
        }
        escaped = true;
      }
    }
    return false;
  }

  private void push(char c, int line, int col, boolean isVar) {
    if (len == ch.length) {
      grow(len * 2);
    }
    ch[len] = c;
    ln[len] = line;
    co[len] = col;
    var[len] = isVar;
    len++;
  }

  private void grow(int n) {
    if (n <= ch.length) {
      return;
    }
    ch = java.util.Arrays.copyOf(ch, n);
    ln = java.util.Arrays.copyOf(ln, n);
    co = java.util.Arrays.copyOf(co, n);
    var = java.util.Arrays.copyOf(var, n);
  }

  // Phase 2: commands
  // =================

  /** Commands joined by {@code &}; {@code &&} and {@code ||} bind tighter (cmd.exe precedence). */
  private void sequence(int depth) {
    conditional(depth);
    while (true) {
      skipBlanks(false);
      if (at("&&") || at("||") || !at("&")) {
        if (at("|") && !at("||")) {
          error(Codes.NETSH_READ_SYNTAX, pos, 1, "a pipe '|' is not read");
          skipLine();
        }
        return;
      }
      pos++;
      conditional(depth);
    }
  }

  private void conditional(int depth) {
    command(depth);
    while (true) {
      skipBlanks(false);
      Cond cond;
      if (at("&&")) {
        cond = Cond.ON_SUCCESS;
      } else if (at("||")) {
        cond = Cond.ON_FAILURE;
      } else {
        return;
      }
      SourceSpan span = span(pos, 2);
      pos += 2;
      ops.add(new CondStart(cond, span));
      command(depth);
      ops.add(new CondEnd(span));
    }
  }

  private void command(int depth) {
    skipBlanks(false);
    skipAt();
    if (pos >= len || ch[pos] == NL) {
      return;
    }
    if (ch[pos] == '(') {
      block(depth);
      return;
    }
    if (ch[pos] == ')' && depth > 0) {
      return;
    }
    int start = pos;
    Tok name = word(depth, true);
    if (name == null) {
      error(Codes.NETSH_READ_SYNTAX, start, 1, "a command was expected");
      skipLine();
      return;
    }
    String lower = name.lower();
    if (lower.equals("rem")) {
      skipLine();
      return;
    }
    if (lower.equals("echo") || lower.startsWith("echo.") || lower.startsWith("echo:")) {
      echo(depth);
      ops.add(new Exec(name, List.of(), name.span()));
      return;
    }
    if (lower.equals("if")) {
      ifCommand(name, depth);
      return;
    }
    if (lower.equals("for")) {
      forCommand(name, depth);
      return;
    }
    List<Tok> args = args(depth);
    SourceSpan span = name.span();
    if (lower.equals("goto")) {
      if (args.isEmpty()) {
        error(Codes.NETSH_READ_SYNTAX, start, 4, "goto without a label");
        return;
      }
      String target = args.get(0).lower();
      target = target.startsWith(":") ? target.substring(1) : target;
      ops.add(target.equals("eof") ? new Exit(-1, span) : new Goto(target, span));
      return;
    }
    if (lower.equals("exit")) {
      int code = -1;
      for (Tok a : args) {
        if (NUMBER.matcher(a.text()).matches()) {
          code = Integer.parseInt(a.text());
        }
      }
      ops.add(new Exit(code, span));
      return;
    }
    ops.add(new Exec(name, args, span));
  }

  private void block(int depth) {
    int open = pos;
    pos++;
    while (true) {
      skipBlanks(true);
      if (pos >= len) {
        error(Codes.NETSH_READ_SYNTAX, open, 1, "this '(' is never closed");
        return;
      }
      if (ch[pos] == ')') {
        pos++;
        redirections(depth);
        return;
      }
      int before = pos;
      sequence(depth + 1);
      if (pos == before) {
        error(Codes.NETSH_READ_SYNTAX, pos, 1, "unexpected '" + ch[pos] + "'");
        skipLine();
      }
    }
  }

  private void ifCommand(Tok ifTok, int depth) {
    SourceSpan span = ifTok.span();
    List<Tok> cond = new ArrayList<>();
    Tok t = word(depth, false);
    if (t != null && t.lower().equals("/i")) {
      t = word(depth, false);
    }
    boolean not = false;
    if (t != null && t.lower().equals("not")) {
      not = true;
      t = word(depth, false);
    }
    if (t == null) {
      error(Codes.NETSH_READ_SYNTAX, pos, 1, "incomplete if");
      skipLine();
      return;
    }
    cond.add(t);
    Cond kind;
    switch (t.lower()) {
      case "errorlevel" -> {
        Tok n = word(depth, false);
        if (n == null || !NUMBER.matcher(n.text()).matches()) {
          error(Codes.NETSH_READ_SYNTAX, ifTok, "if errorlevel needs a number");
          skipLine();
          return;
        }
        // 'if errorlevel N' is true when the exit code is N or more (cmd.exe 'if' help).
        boolean onFailure = Integer.parseInt(n.text()) >= 1;
        kind = onFailure != not ? Cond.ON_FAILURE : Cond.ON_SUCCESS;
      }
      case "exist", "defined" -> {
        word(depth, false);
        kind = Cond.UNKNOWN;
      }
      default -> kind = comparison(t, not, depth);
    }
    ops.add(new CondStart(kind, span));
    skipBlanks(false);
    if (pos < len && ch[pos] == '(') {
      block(depth);
      skipBlanks(false);
      int save = pos;
      Tok maybeElse = peekWord(depth);
      if (maybeElse != null && maybeElse.lower().equals("else")) {
        word(depth, false);
        ops.add(new CondElse(maybeElse.span()));
        command(depth);
      } else {
        pos = save;
      }
    } else {
      // Without a block, the rest of the line is the body, '&' chains included.
      sequence(depth);
    }
    ops.add(new CondEnd(span));
  }

  /**
   * {@code for /f ["options"] %%V in (set) do command}: the body runs once for every line of the
   * files in the set, with {@code %%V} set to the line. The files are on the host, so the body is
   * a {@link Cond#LOOP} and {@code %V} in it is a variable whose value is not known. The listing
   * of a state key of the emitted scripts ({@link NetshSyntax#stateQuery}) is read the same way:
   * its lines are on the host too. Any other set that runs a command ({@code 'cmd'}, or {@code `cmd`} with {@code usebackq}) is not read: that command
   * could do anything. Other {@code for} forms are not read.
   */
  private void forCommand(Tok forTok, int depth) {
    SourceSpan span = forTok.span();
    Tok mode = word(depth, false);
    if (mode == null || !mode.lower().equals("/f")) {
      error(Codes.NETSH_READ_COMMAND, forTok, "only 'for /f' over files is read");
      skipLine();
      return;
    }
    Tok t = word(depth, false);
    boolean usebackq = false;
    int variables = 1;
    if (t != null && t.raw().startsWith("\"")) {
      usebackq = t.lower().contains("usebackq");
      // tokens=2,* (or 1,2,3 or 2*) sets one variable per token listed and one more for '*': the
      // letters after the named one (for /?).
      java.util.regex.Matcher tokens =
          Pattern.compile("tokens=([0-9,*-]+)").matcher(t.lower());
      if (tokens.find()) {
        variables = tokens.group(1).replaceAll("[^0-9*]+", " ").trim().replace("*", " *").trim()
            .split(" +").length;
      }
      t = word(depth, false);
    }
    if (t == null || !LOOP_VARIABLE.matcher(t.text()).matches() || t.variable()) {
      error(Codes.NETSH_READ_SYNTAX, t == null ? forTok : t, "'for /f' needs a loop variable %%X");
      skipLine();
      return;
    }
    char variable = t.text().charAt(1);
    Tok in = word(depth, false);
    skipBlanks(false);
    if (in == null || !in.lower().equals("in") || pos >= len || ch[pos] != '(') {
      error(Codes.NETSH_READ_SYNTAX, forTok, "'for /f' needs 'in (...)'");
      skipLine();
      return;
    }
    int open = pos;
    boolean quoted = false;
    boolean command = false;
    pos++;
    while (pos < len && ch[pos] != NL && (quoted || ch[pos] != ')')) {
      char c = ch[pos];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (usebackq ? c == '`' : c == '\'')) {
        command = true;
      }
      pos++;
    }
    if (pos >= len || ch[pos] != ')') {
      error(Codes.NETSH_READ_SYNTAX, open, 1, "this '(' is never closed");
      skipLine();
      return;
    }
    pos++;
    // The commands a loop may run: the emitted scripts' listing of a state key and their profile
    // queries, which only read the registry (NetshSyntax.stateQuery, NetshProfileChecks.query).
    String set = new String(ch, open + 1, pos - open - 2);
    if (command && (NetshSyntax.isStateQuery(set) || NetshProfileChecks.isQuery(set)
        || CmdHostSettings.Reading.isQuery(set))) {
      command = false;
    }
    if (command) {
      error(Codes.NETSH_READ_COMMAND, open, pos - open,
          "'for /f' over the output of a command is not read: the command's effect is not known");
      skipLine();
      return;
    }
    Tok doTok = word(depth, false);
    if (doTok == null || !doTok.lower().equals("do")) {
      error(Codes.NETSH_READ_SYNTAX, forTok, "'for /f' needs 'do' and a command");
      skipLine();
      return;
    }
    ops.add(new CondStart(Cond.LOOP, span, set));
    List<Character> added = new ArrayList<>();
    for (int i = 0; i < variables && variable + i <= 'z'; i++) {
      if (loopVariables.add((char) (variable + i))) {
        added.add((char) (variable + i));
      }
    }
    skipBlanks(false);
    if (pos < len && ch[pos] == '(') {
      block(depth);
    } else {
      // Like 'if', the rest of the line is the body, '&' chains included.
      sequence(depth);
    }
    loopVariables.removeAll(added);
    ops.add(new CondEnd(span));
  }

  /** {@code a==b} or {@code a op b}; only comparisons of %errorlevel% with a number are known. */
  private Cond comparison(Tok left, boolean not, int depth) {
    String op;
    String rightText;
    int eq = left.text().indexOf("==");
    if (eq >= 0) {
      String rest = left.text().substring(eq + 2);
      left = new Tok(left.text().substring(0, eq), left.span(), left.variable(), left.raw());
      op = "==";
      // An empty right side written as "" is still there: only an '==' that ends the word
      // leaves the right side to the next word.
      if (rest.isEmpty() && left.raw().endsWith("==")) {
        Tok r = word(depth, false);
        rightText = r == null ? "" : r.text();
      } else {
        rightText = rest;
      }
    } else {
      Tok o = word(depth, false);
      Tok r = word(depth, false);
      op = o == null ? "" : o.lower();
      if (op.startsWith("==")) {
        rightText = op.length() > 2 ? o.text().substring(2) : (r == null ? "" : r.text());
        op = "==";
      } else {
        rightText = r == null ? "" : r.text();
      }
    }
    String l = left.text().toLowerCase(Locale.ROOT);
    String r = rightText.replace("\"", "");
    if (!not && op.equals("==") && l.equals("%~1") && r.equalsIgnoreCase("/whatif")) {
      return Cond.WHATIF;
    }
    if (!l.equals("%errorlevel%") || !NUMBER.matcher(r).matches()) {
      return Cond.UNKNOWN;
    }
    int n = Integer.parseInt(r);
    // Exit codes of the commands read here are 0 on success and positive on failure.
    Boolean onSuccess =
        switch (op) {
          case "==", "equ" -> n == 0 ? Boolean.TRUE : Boolean.FALSE;
          case "neq" -> n == 0 ? Boolean.FALSE : null;
          case "gtr" -> n == 0 ? Boolean.FALSE : null;
          case "geq" -> n == 1 ? Boolean.FALSE : (n <= 0 ? Boolean.TRUE : null);
          case "lss" -> n == 1 ? Boolean.TRUE : null;
          case "leq" -> n == 0 ? Boolean.TRUE : null;
          default -> null;
        };
    if (onSuccess == null) {
      return Cond.UNKNOWN;
    }
    return onSuccess != not ? Cond.ON_SUCCESS : Cond.ON_FAILURE;
  }

  private void label(int lineStart) {
    int start = pos;
    pos++;
    if (peek() == ':') {
      skipLine(); // '::' comment
      return;
    }
    StringBuilder b = new StringBuilder();
    while (pos < len && ch[pos] != NL && " \t;=,+<>&|".indexOf(ch[pos]) < 0) {
      b.append(ch[pos++]);
    }
    skipLine();
    ops.add(new Label(b.toString().toLowerCase(Locale.ROOT), span(start, b.length() + 1)));
  }

  private void echo(int depth) {
    // echo prints the rest of the command; quotes still hide '&' and '|' from cmd.exe.
    boolean quoted = false;
    while (pos < len && ch[pos] != NL) {
      char c = ch[pos];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '^') {
        if (pos + 1 < len && ch[pos + 1] != NL) {
          pos++;
        }
      } else if (!quoted && (c == '&' || c == '|' || (c == ')' && depth > 0))) {
        return;
      } else if (!quoted && (c == '>' || c == '<')) {
        redirect(depth);
        continue;
      }
      pos++;
    }
  }

  private List<Tok> args(int depth) {
    List<Tok> out = new ArrayList<>();
    while (true) {
      Tok t = word(depth, false);
      if (t == null) {
        return out;
      }
      out.add(t);
    }
  }

  private Tok peekWord(int depth) {
    int save = pos;
    int opCount = ops.size();
    Tok t = word(depth, false);
    pos = save;
    while (ops.size() > opCount) {
      ops.remove(ops.size() - 1);
    }
    return t;
  }

  private void redirections(int depth) {
    skipBlanks(false);
    while (pos < len && (ch[pos] == '>' || ch[pos] == '<')) {
      redirect(depth);
      skipBlanks(false);
    }
  }

  /** Skips one redirection ({@code >nul}, {@code 2>&1}, {@code >>"file"}); output is not state. */
  private void redirect(int depth) {
    while (pos < len && (ch[pos] == '>' || ch[pos] == '<')) {
      pos++;
    }
    if (pos < len && ch[pos] == '&') {
      pos++;
      if (pos < len && Character.isDigit(ch[pos])) {
        pos++;
      }
      return;
    }
    skipBlanks(false);
    target(depth);
  }

  private void target(int depth) {
    boolean quoted = false;
    while (pos < len && ch[pos] != NL) {
      char c = ch[pos];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted
          && (c == ' ' || c == '\t' || c == '&' || c == '|' || c == '<' || c == '>'
              || (c == ')' && depth > 0))) {
        return;
      }
      pos++;
    }
  }

  /**
   * Reads one argument as netsh receives it, or null at the end of the command. Quotes are
   * removed; outside quotes a caret escapes the next character (cmd.exe), and the command ends at
   * {@code & | NL} or at {@code )} inside a block. Redirections in between are skipped.
   */
  private Tok word(int depth, boolean commandName) {
    while (true) {
      skipBlanks(false);
      if (pos >= len || ch[pos] == NL) {
        return null;
      }
      char c = ch[pos];
      if (c == '&' || c == '|' || (c == ')' && depth > 0)) {
        return null;
      }
      if (c == '>' || c == '<') {
        redirect(depth);
        continue;
      }
      if ((c == '1' || c == '2') && pos + 1 < len && ch[pos + 1] == '>') {
        pos++;
        redirect(depth);
        continue;
      }
      break;
    }
    int start = pos;
    // Most arguments (the long address lists included) are plain text: no quotes, carets or
    // variables. Such a run is taken as one string, which is the text and the raw form at once.
    int plain = plainRun(pos, depth, commandName);
    if (plain == len || endsWord(plain, start, depth, commandName)) {
      pos = plain;
      if (pos == start) {
        return null;
      }
      String raw = raw(start, pos);
      return new Tok(raw, span(start, pos - start), false, raw);
    }
    StringBuilder text = new StringBuilder(plain - start + 16);
    text.append(ch, start, plain - start);
    pos = plain;
    boolean quoted = false;
    boolean variable = false;
    while (pos < len && ch[pos] != NL) {
      char c = ch[pos];
      if (var[pos]) {
        variable = true;
        text.append(c);
        pos++;
        continue;
      }
      if (c == '%' && pos + 1 < len && loopVariables.contains(ch[pos + 1]) && !var[pos + 1]) {
        // '%%N' became '%N' when the line was read; inside the loop it is the line of the file.
        variable = true;
        text.append(c).append(ch[pos + 1]);
        pos += 2;
        continue;
      }
      if (c == '"') {
        if (pos > start && ch[pos - 1] == '\\' && !var[pos - 1]) {
          // netsh splits its command line with a rule where '\"' is a literal quote; whether it
          // uses the C runtime's rule is UNCONFIRMED, so the text is not guessed.
          error(Codes.NETSH_READ_SYNTAX, pos - 1, 2, "'\\\"' inside an argument is not read");
        }
        quoted = !quoted;
        pos++;
        continue;
      }
      if (!quoted) {
        if (c == ' ' || c == '\t' || c == '&' || c == '|' || c == '<' || c == '>') {
          break;
        }
        if (c == ')' && depth > 0) {
          break;
        }
        if (commandName && (c == '(' || c == ',' || c == ';' || c == '=') && pos > start) {
          break;
        }
        if (c == '^') {
          if (pos + 1 < len && ch[pos + 1] == '"') {
            // cmd.exe treats ^" as a plain character, netsh's argument splitter as a quote.
            error(Codes.NETSH_READ_SYNTAX, pos, 2, "'^\"' is read differently by cmd.exe and netsh");
          }
          pos++;
          if (pos >= len || ch[pos] == NL) {
            break;
          }
          text.append(ch[pos++]);
          continue;
        }
      }
      text.append(c);
      pos++;
    }
    if (quoted) {
      error(Codes.NETSH_READ_SYNTAX, start, pos - start, "this quote is never closed");
    }
    if (pos == start) {
      return null;
    }
    String raw = raw(start, pos);
    return new Tok(text.toString(), span(start, pos - start), variable, raw);
  }

  /**
   * The end of the run from {@code from} of chars that {@link #word} appends as they are outside
   * quotes: it stops at every char that ends a word or needs a closer look.
   */
  private int plainRun(int from, int depth, boolean commandName) {
    int p = from;
    while (p < len) {
      char c = ch[p];
      if (var[p] || c == NL || c == '"' || c == '^' || c == '%' || c == ' ' || c == '\t'
          || c == '&' || c == '|' || c == '<' || c == '>' || (c == ')' && depth > 0)
          || (commandName && (c == '(' || c == ',' || c == ';' || c == '='))) {
        return p;
      }
      p++;
    }
    return p;
  }

  /** Whether {@link #word} stops at {@code p} (unquoted) without taking the char there. */
  private boolean endsWord(int p, int start, int depth, boolean commandName) {
    char c = ch[p];
    if (var[p]) {
      return false;
    }
    return c == NL || c == ' ' || c == '\t' || c == '&' || c == '|' || c == '<' || c == '>'
        || (c == ')' && depth > 0)
        || (commandName && (c == '(' || c == ',' || c == ';' || c == '=') && p > start);
  }

  private String raw(int from, int to) {
    return new String(ch, from, to - from);
  }

  // Helpers
  // =======

  private boolean at(String s) {
    if (pos + s.length() > len) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (ch[pos + i] != s.charAt(i) || var[pos + i]) {
        return false;
      }
    }
    return true;
  }

  private char peek() {
    return pos < len ? ch[pos] : NL;
  }

  private void skipAt() {
    while (pos < len && ch[pos] == '@') {
      pos++;
    }
  }

  private void skipBlanks(boolean newlines) {
    while (pos < len
        && (ch[pos] == ' ' || ch[pos] == '\t' || (newlines && ch[pos] == NL))) {
      pos++;
    }
  }

  private void skipLine() {
    while (pos < len && ch[pos] != NL) {
      pos++;
    }
  }

  SourceSpan span(int from, int length) {
    if (len == 0) {
      return SourceSpan.at(file.name(), 1, 1, 0);
    }
    int at = Math.min(Math.max(0, from), len - 1);
    int n = 0;
    while (n < length && at + n < len && ln[at + n] == ln[at] && ch[at + n] != NL) {
      n++;
    }
    return SourceSpan.at(file.name(), ln[at], co[at], Math.max(1, n));
  }

  private void error(String code, int from, int length, String message) {
    diags.error(code, span(from, length), message);
  }

  private void error(String code, Tok at, String message) {
    diags.error(code, at.span(), message);
  }
}
