package dev.openmodel.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What a memo remembers per model, with the entries of models that are gone dropped as it grows:
 * once it holds more than twice what it kept after the last pruning (at least 1024), so pruning is
 * amortised over as many new entries as were kept.
 */
final class PerModel<V> {
    private final Map<ResourceID, V> entries = new ConcurrentHashMap<>();
    private volatile int pruneAt = 1024;

    V get(ResourceID model) {
        return entries.get(model);
    }

    /** @param exists whether a model is still there */
    void put(ResourceID model, V value, Predicate<ResourceID> exists) {
        entries.put(model, value);
        if (entries.size() > pruneAt) {
            prune(exists);
        }
    }

    void remove(ResourceID model) {
        entries.remove(model);
    }

    int size() {
        return entries.size();
    }

    private synchronized void prune(Predicate<ResourceID> exists) {
        if (entries.size() <= pruneAt) {
            return;
        }
        entries.keySet().removeIf(id -> !exists.test(id));
        pruneAt = Math.max(1024, 2 * entries.size());
    }
}
