package dev.rpcwall.emit.cmd;

import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the readers of the cmd.exe targets share about a command's name. */
public final class CmdCommands {
  private CmdCommands() {}

  /**
   * The command {@code name} runs, as the readers match it: lower case, without its folder and
   * without {@code .exe}/{@code .com} ({@code C:\Windows\System32\netsh.exe} is {@code netsh}).
   */
  public static String commandName(CmdHostSettings.Arg name) {
    String n = name.text().toLowerCase(Locale.ROOT);
    for (String ext : List.of(".exe", ".com")) {
      if (n.endsWith(ext)) {
        n = n.substring(0, n.length() - ext.length());
      }
    }
    int slash = Math.max(n.lastIndexOf('\\'), n.lastIndexOf('/'));
    return slash >= 0 ? n.substring(slash + 1) : n;
  }

  /** A reader's own test of a command: its name (see {@link #commandName}) and arguments. */
  @FunctionalInterface
  public interface Test {
    /** {@code first} is the first argument in lower case, "" when there is none. */
    boolean test(String name, List<Tok> args, String first);
  }

  /**
   * Whether {@code e} changes nothing a cmd.exe reader reads: one of the reader's console commands
   * {@code console}, {@code echo} run together with what it prints ({@code echo.}), a command of
   * the shared host settings that only reads ({@link CmdHostSettings.Reading#isNoop}), or a
   * command the reader's own test {@code own} passes.
   */
  public static boolean isNoop(Exec e, Set<String> console, Test own) {
    String name = commandName(e.name());
    List<Tok> a = e.args();
    if (console.contains(name) || name.startsWith("echo")
        || CmdHostSettings.Reading.isNoop(name, a)) {
      return true;
    }
    return own.test(name, a, a.isEmpty() ? "" : a.get(0).lower());
  }

  /**
   * {@code set RPCWALL_...=...}: a variable of the shared host settings' lines or of the profile
   * checks, which no command the readers model uses.
   */
  public static boolean setsOwnVariable(List<Tok> a) {
    return a.size() == 1 && a.get(0).text().matches("RPCWALL_[A-Z_]+=.*");
  }
}
