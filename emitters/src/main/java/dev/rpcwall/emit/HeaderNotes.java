package dev.rpcwall.emit;

import java.util.List;

/**
 * Text both script targets put in the header of their apply and rollback scripts, without the
 * comment marker (issue 12 point 6): why a hand-made Allow rule does not help, and what does.
 */
public final class HeaderNotes {
  private HeaderNotes() {}

  /**
   * A matching Block rule wins over every Allow rule, whatever the order in which they were made
   * (windows-semantics.md 2.1 rules 1-2), so an administrator's own Allow rule cannot open what
   * this policy blocks. {@code rollback} is the command that runs the rollback script.
   */
  public static List<String> exception(String rollback) {
    return List.of(
        "A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall",
        "applies a matching Block rule before any Allow rule, whatever their order.",
        "Emergency exception: run " + rollback + " (it removes the whole policy),",
        "or change the policy (an allow statement for the exception, placed before the block),",
        "then compile and apply it again: rpcwall leaves that traffic out of its Block rules.");
  }
}
