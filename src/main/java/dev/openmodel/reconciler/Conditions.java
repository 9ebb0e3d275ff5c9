package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** metav1.Condition lists: a condition's lastTransitionTime moves only when its status changes. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String POLICY_COMPLIANT = "PolicyCompliant";
    public static final String SCHEDULED = "Scheduled";
    public static final String AVAILABLE = "Available";
    public static final String CONFORMANT = "Conformant";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private final List<Condition> previous;
    private final List<Condition> next = new ArrayList<>();
    private final long generation;
    private final String now;

    public Conditions(List<Condition> previous, long generation, String now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    /** Condition messages are bounded (the API allows 32768 bytes) and escaped: they echo user input. */
    static final int MAX_MESSAGE = 8000;

    public Conditions set(String type, String status, String reason, String message) {
        String since = find(previous, type).filter(c -> status.equals(c.getStatus())).map(Condition::getLastTransitionTime).orElse(now);
        next.removeIf(c -> type.equals(c.getType()));
        next.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(dev.openmodel.text.Escape.message(message, MAX_MESSAGE))
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    /** Carries over the given conditions unchanged (before setting some anew). */
    public Conditions keep(List<Condition> conditions) {
        if (conditions != null) {
            conditions.forEach(c -> {
                next.removeIf(n -> n.getType().equals(c.getType()));
                next.add(c);
            });
        }
        return this;
    }

    public List<Condition> build() {
        return List.copyOf(next);
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }
}
