package dev.openmodel.policy;

import java.util.List;

/**
 * The verdict of one policy on one model.
 *
 * @param policy the ModelPolicy's name, or "built-in"
 * @param enforce true for Enforce, false for Audit
 */
public record PolicyDecision(String policy, boolean enforce, List<Violation> violations) {

    public boolean compliant() {
        return violations.isEmpty();
    }

    /** Whether the model may be served: compliant, or the policy only audits. */
    public boolean allowsServing() {
        return compliant() || !enforce;
    }

    /** One line per failed rule. */
    public String message() {
        if (compliant()) {
            return "Complies with " + describe() + ".";
        }
        StringBuilder b = new StringBuilder(enforce ? "Refused by " : "Audit findings of ").append(describe()).append(':');
        violations.forEach(v -> b.append('\n').append("- ").append(v));
        return b.toString();
    }

    private String describe() {
        return "built-in".equals(policy) ? "the built-in default policy" : "ModelPolicy " + policy;
    }
}
