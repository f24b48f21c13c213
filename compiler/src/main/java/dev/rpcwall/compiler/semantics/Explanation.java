package dev.rpcwall.compiler.semantics;

import dev.rpcwall.compiler.ir.Rule;
import java.util.Optional;

/** Placeholder for the decision function API; the implementation lives on the semantics branch. */
public record Explanation(Decision decision, Optional<Rule> rule, Reason reason) {}
