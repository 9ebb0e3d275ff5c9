package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
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

    private static NameConflicts find(OpenModel model, Context<OpenModel> context) {
        List<String> objects = new ArrayList<>();
        check(Deployment.class, "Deployment", model, context, objects);
        check(Service.class, "Service", model, context, objects);
        return new NameConflicts(List.copyOf(objects));
    }

    private static <R extends HasMetadata> void check(Class<R> type, String kind, OpenModel model, Context<OpenModel> context,
            List<String> objects) {
        if (context.getSecondaryResource(type).isPresent()) {
            return; // ours: the informers see only objects with our labels and owner
        }
        String namespace = model.getMetadata().getNamespace();
        String name = model.getMetadata().getName();
        R existing = context.getClient().resources(type).inNamespace(namespace).withName(name).get();
        if (existing != null && !ownedBy(existing, model)) {
            objects.add(kind + " " + namespace + "/" + name);
        }
    }

    private static boolean ownedBy(HasMetadata object, OpenModel model) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> o.getUid().equals(model.getMetadata().getUid()));
    }
}
