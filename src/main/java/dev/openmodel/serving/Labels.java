package dev.openmodel.serving;

import dev.openmodel.api.v1alpha1.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on everything OpenModel creates: the Kubernetes recommended labels plus our own key.
 * Nothing is copied from the OpenModel's own labels (Argo CD tracks resources by them).
 */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "openmodel-operator";
    public static final String MODEL = "openmodel.dev/model";
    /** Selects every object the operator manages; used by its informers. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    public static Map<String, String> forModel(String modelName, Engine engine) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", engine.name());
        labels.put("app.kubernetes.io/instance", modelName);
        labels.put("app.kubernetes.io/component", "inference-server");
        labels.put("app.kubernetes.io/part-of", "openmodel");
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(MODEL, modelName);
        return labels;
    }

    /** The immutable Deployment selector: only the model, so changing engine never orphans pods. */
    public static Map<String, String> selector(String modelName) {
        return Map.of(MODEL, modelName);
    }
}
