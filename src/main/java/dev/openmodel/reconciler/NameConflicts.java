package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * Objects that already carry the name OpenModel would give its Deployment or Service but were
 * not created for this model. Applying over them would adopt them, and garbage collection
 * would later delete them with the model: the operator creates nothing while one exists.
 * Only a name OpenModel has not created yet costs an API read; its own objects are in cache.
 */
public record NameConflicts(List<String> objects) {
    public static final NameConflicts NONE = new NameConflicts(List.of());
    public boolean any() {
        return !objects.isEmpty();
    }

    public String message() {
        return String.join("; ", objects) + " already exist(s) and was not created by this OpenModel: "
                + "rename the OpenModel or remove the object. OpenModel will not take it over.";
    }

    public static NameConflicts of(OpenModel model, Context<OpenModel> context) {
        return PerReconcile.memo(context, NameConflicts.class, () -> find(model, context));
    }

    /**
     * The two reads of a new model go out together: they are a model's first round trips, and
     * while the API server is busy (a thousand models applied at once) each takes a while. A
     * model's first reconcile was four round trips one after the other (two reads, the two
     * applies together, its status); it is now three.
     */
    private static final java.util.concurrent.ExecutorService READS = new java.util.concurrent.ThreadPoolExecutor(0, 16, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "name-conflict-read");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

    private static NameConflicts find(OpenModel model, Context<OpenModel> context) {
        var service = java.util.concurrent.CompletableFuture.supplyAsync(() -> check(Service.class, "Service", model, context), READS);
        String deployment = check(Deployment.class, "Deployment", model, context);
        String other;
        try {
            other = service.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new NameConflicts(java.util.stream.Stream.of(deployment, other).filter(java.util.Objects::nonNull).toList());
    }

    /** "Kind namespace/name" of a foreign object holding the name, or null. */
    private static <R extends HasMetadata> String check(Class<R> type, String kind, OpenModel model, Context<OpenModel> context) {
        if (context.getSecondaryResource(type).isPresent()) {
            return null; // ours: the informers see only objects with our labels and owner
        }
        String namespace = model.getMetadata().getNamespace();
        String name = model.getMetadata().getName();
        R existing = context.getClient().resources(type).inNamespace(namespace).withName(name).get();
        return existing != null && !ownedBy(existing, model) ? kind + " " + namespace + "/" + name : null;
    }

    private static boolean ownedBy(HasMetadata object, OpenModel model) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> o.getUid().equals(model.getMetadata().getUid()));
    }
}
