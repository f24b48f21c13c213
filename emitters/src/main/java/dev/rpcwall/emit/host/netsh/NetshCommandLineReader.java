package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.host.CommandLineReader;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.netsh.BatchParser;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code netsh ...} (or {@code reg ...}, {@code winmgmt ...}) command met in another
 * input, such as a line of a PowerShell script, as the netsh script reader reads it: split into
 * arguments the way cmd.exe and netsh split them (quotes removed), then applied to the host.
 * Variables of the other language are not expanded here: a {@code $var} stays as written. Spans
 * of notes point into the line at {@code at}.
 */
public final class NetshCommandLineReader implements CommandLineReader {
  public NetshCommandLineReader() {}

  /** A reader for the PowerShell reader's constructor. */
  public static CommandLineReader create() {
    return new NetshCommandLineReader();
  }

  @Override
  public void read(String command, SourceSpan at, HostState host, List<HostNote> notes) {
    try {
      String one = command.replace("\r", " ").replace("\n", " ");
      SourceFile file = new SourceFile(at.source(), one);
      Diagnostics diags = new Diagnostics();
      List<Op> ops = new BatchParser(file, diags).parse();
      for (Diagnostic d : diags.sorted()) {
        notes.add(HostNote.unreadable(shift(d.span(), at), d.message(), "rewrite this command"));
      }
      Commands commands = new Commands(host, notes);
      for (Op op : ops) {
        if (op instanceof Exec e) {
          List<Arg> args = new ArrayList<>();
          for (Tok t : e.args()) {
            args.add(arg(t.text(), shift(t.span(), at)));
          }
          String name = dev.rpcwall.emit.cmd.CmdCommands.commandName(e.name());
          commands.run(name, Arg.of(e.name().text(), shift(e.name().span(), at)), args,
              shift(e.span(), at));
        }
      }
    } catch (RuntimeException e) {
      notes.add(HostNote.unreadable(at, "this command could not be read ("
          + e.getClass().getSimpleName() + ")", "report it to the rpcwall maintainers"));
    }
  }

  private static final java.util.regex.Pattern PS_VARIABLE =
      java.util.regex.Pattern.compile("\\$(?:\\{[^}]*\\}|[A-Za-z_][A-Za-z0-9_:]*)");

  /** An argument; a PowerShell variable left in it makes its value unknown. */
  private static Arg arg(String text, SourceSpan span) {
    java.util.regex.Matcher m = PS_VARIABLE.matcher(text);
    List<String> vars = new ArrayList<>();
    while (m.find()) {
      vars.add(m.group());
    }
    return new Arg(text, span, vars);
  }

  /** A span within the one-line file, moved to where the command is. */
  private static SourceSpan shift(SourceSpan s, SourceSpan at) {
    if (!at.isKnown()) {
      return s;
    }
    return SourceSpan.at(at.source(), at.line(), at.column() + Math.max(0, s.column() - 1),
        s.length());
  }
}
