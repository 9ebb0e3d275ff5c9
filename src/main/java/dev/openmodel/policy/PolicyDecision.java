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

    /**
     * Two policies that both apply (the namespace's and the one spec.policyRef adds): every
     * violation of either is reported; the model is refused when an enforcing policy has one.
     */
    public static PolicyDecision both(PolicyDecision governing, PolicyDecision added) {
        List<Violation> all = new java.util.ArrayList<>();
        for (PolicyDecision d : List.of(governing, added)) {
            for (Violation v : d.violations()) {
                all.add(d.enforce() ? v : new Violation(v.rule(), v.fact() + " (Audit: reported, not enforced)"));
            }
        }
        boolean enforced = (governing.enforce() && !governing.compliant()) || (added.enforce() && !added.compliant()) || all.isEmpty();
        return new PolicyDecision(governing.policy() + AND + added.policy(), enforced, List.copyOf(all));
    }

    /** The same decision with violations no policy can waive (the gate's own decisions overridden). */
    public PolicyDecision withEnforced(List<Violation> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<Violation> all = new java.util.ArrayList<>(first);
        all.addAll(violations);
        return new PolicyDecision(policy, true, List.copyOf(all));
    }

    private static final String AND = " and ";

    private String describe() {
        List<String> names = new java.util.ArrayList<>();
        for (String p : policy.split(AND)) {
            names.add("built-in".equals(p) ? "the built-in default policy" : "ModelPolicy " + p);
        }
        return String.join(" and ", names);
    }
}
