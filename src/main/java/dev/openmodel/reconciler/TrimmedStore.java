package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An informer store that trims what the operator never reads before caching an object, as
 * client-go's informer TransformFunc does: managedFields are most of a cached object's heap (their
 * fieldsV1 trees become a LinkedHashMap per field: 1000 served models held about 110 MB of them,
 * 70% of the live set, measured with a class histogram). Kept only where something reads them: the
 * operator's own Apply entry on the objects it server-side applies, which the SDK's SSA matcher
 * compares with the desired state. What is kept is made compact: immutable maps with interned keys
 * and one shared empty map for every leaf, which the matcher only reads.
 */
public abstract class TrimmedStore<R extends HasMetadata> extends BasicItemStore<R> {
    /**
     * Objects per page when the informers of the two big secondaries (Deployments, Pods) list, so
     * that each page is trimmed here before the next is read. Listed whole, every object of the
     * list is live until the last is decoded: a restart with 1000 models present promoted those
     * lists, untrimmed, into the old generation (about 25 MB per young collection while they were
     * read, 155 MB of old generation around a 75 MB live set), where the serial collector kept them.
     * A page of 50 is about a megabyte of objects, small beside the young generation. Measured
     * (restarts with 1000 models, medians of 4, alternated): RSS once all were reconciled 336 -> 284
     * MiB, first reconcile 2.60 -> 2.73 s (within the run-to-run spread); 100 per page 294-300 MiB;
     * the primary paged as well only delayed the start (+0.86 s): the SDK lists it before the rest.
     * The client lists in pages from the API server's store (a consistent read, not its watch cache).
     */
    public static final long LIST_PAGE = 50;
    private final Predicate<ManagedFieldsEntry> keep;

    protected TrimmedStore(Predicate<ManagedFieldsEntry> keep) {
        super(Cache::metaNamespaceKeyFunc);
        this.keep = keep;
    }

    @Override
    public R put(String key, R obj) {
        trim(obj, keep);
        slim(obj);
        return super.put(key, obj);
    }

    /** Drops more of an object that nothing reads; by default nothing. */
    protected void slim(R obj) {
    }

    static void trim(HasMetadata obj, Predicate<ManagedFieldsEntry> keep) {
        if (obj.getMetadata() == null || obj.getMetadata().getManagedFields() == null) {
            return;
        }
        List<ManagedFieldsEntry> kept = new ArrayList<>(1);
        for (ManagedFieldsEntry entry : obj.getMetadata().getManagedFields()) {
            if (keep.test(entry)) {
                FieldsV1 fields = entry.getFieldsV1();
                if (fields != null && fields.getAdditionalProperties() != null) {
                    fields.setAdditionalProperties(compact(fields.getAdditionalProperties()));
                }
                kept.add(entry);
            }
        }
        obj.getMetadata().setManagedFields(kept.isEmpty() ? null : List.copyOf(kept));
    }

    /** The same tree as immutable maps: interned keys, the one empty map for every leaf ("f:name": {}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> compact(Map<String, Object> tree) {
        if (tree.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("rawtypes")
        Map.Entry[] entries = new Map.Entry[tree.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            Object value = e.getValue() instanceof Map<?, ?> child ? compact((Map<String, Object>) child) : e.getValue();
            entries[i++] = Map.entry(e.getKey().intern(), value);
        }
        return Map.ofEntries(entries);
    }

    /** The operator's own Apply entry of an object itself (not of a subresource). */
    static final Predicate<ManagedFieldsEntry> OWN_APPLY = e -> OpenModelReconciler.FIELD_MANAGER.equals(e.getManager())
            && "Apply".equals(e.getOperation()) && (e.getSubresource() == null || e.getSubresource().isEmpty());

    /** For objects the operator server-side applies (Deployments, Services): only its own Apply entry. */
    public static final class OwnApplyOnly<R extends HasMetadata> extends TrimmedStore<R> {
        public OwnApplyOnly() {
            super(OWN_APPLY);
        }
    }

    /**
     * Pods of served models, read only for their status (scheduling, container states), labels
     * (which model) and node: no managedFields, and of the spec only the node name. The rest of the
     * spec is the Deployment's template, which the operator has already.
     */
    public static final class Pods extends TrimmedStore<io.fabric8.kubernetes.api.model.Pod> {
        public Pods() {
            super(e -> false);
        }

        @Override
        protected void slim(io.fabric8.kubernetes.api.model.Pod pod) {
            if (pod.getSpec() != null) {
                io.fabric8.kubernetes.api.model.PodSpec spec = new io.fabric8.kubernetes.api.model.PodSpec();
                spec.setNodeName(pod.getSpec().getNodeName());
                pod.setSpec(spec);
            }
            if (pod.getMetadata() != null) {
                pod.getMetadata().setAnnotations(Map.of()); // the SDK's event handler reads them: empty, not absent
            }
        }
    }

    /** For objects only read (Nodes, OpenModels whose status is applied whole): no managedFields. */
    public static final class NoManagedFields<R extends HasMetadata> extends TrimmedStore<R> {
        public NoManagedFields() {
            super(e -> false);
        }
    }
}
