package dev.rpcwall.emit.cmd;

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

  /**
   * Whether command {@code name} (see {@link #commandName}) is one of the reader's console
   * commands {@code console}, or {@code echo} run together with what it prints ({@code echo.},
   * {@code echo:}).
   */
  public static boolean isConsole(String name, Set<String> console) {
    return console.contains(name) || name.startsWith("echo");
  }
}
