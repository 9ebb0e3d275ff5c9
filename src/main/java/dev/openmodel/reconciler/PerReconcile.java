package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.function.Supplier;

/** Values worked out once per reconcile and shared by the dependents and the reconciler. */
final class PerReconcile {
    private PerReconcile() {
    }

    /** Computed once even when asked from the workflow's node threads at the same time. */
    static <T> T memo(Context<OpenModel> context, Class<T> type, Supplier<T> compute) {
        var shared = context.managedWorkflowAndDependentResourceContext();
        synchronized (shared) {
            return shared.get(type.getName(), type).orElseGet(() -> {
                T value = compute.get();
                shared.put(type.getName(), value);
                return value;
            });
        }
    }
}
