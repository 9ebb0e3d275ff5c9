package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * Objects that already carry the name OpenModel would give its Deployment or Service but were
 * not created for this model. Applying over them would adopt them, and garbage collection
 * would later delete them with the model: the operator takes over nothing and starts no pods
 * while one exists (the Service is applied first, the Deployment only once the Service is in place).
 * Nothing is read to find out: the SDK's create is conditional (see {@link #refusedCreate}), and
 * only a refused one costs the reads that say whose object it is.
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

    /**
     * Whether a failure is the API server refusing a create because the name is taken: the SDK
     * creates by a server-side apply that carries a resourceVersion, which conflicts with any
     * object already there.
     */
    static boolean refusedCreate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 409) {
                return true;
            }
        }
        return false;
    }

    /** Who holds the model's names: asked only once a create was refused (the informers see only the operator's objects). */
    static NameConflicts find(OpenModel model, Context<OpenModel> context) {
        return new NameConflicts(java.util.stream.Stream.of(check(Deployment.class, "Deployment", model, context), check(Service.class, "Service", model, context))
                .filter(java.util.Objects::nonNull).toList());
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
