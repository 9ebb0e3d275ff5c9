package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/** Kubernetes Events about an OpenModel (events.k8s.io/v1). Best effort: never fails a reconcile. */
public final class ModelEvents {
    private static final Logger LOG = Logger.getLogger(ModelEvents.class);
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private ModelEvents() {
    }

    public static void normal(KubernetesClient client, OpenModel model, String reason, String note) {
        emit(client, model, "Normal", reason, note);
    }

    static void warning(KubernetesClient client, OpenModel model, String reason, String note) {
        emit(client, model, "Warning", reason, note);
    }

    private static void emit(KubernetesClient client, OpenModel model, String type, String reason, String note) {
        var event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(model.getMetadata().getName() + "-")
                .withNamespace(model.getMetadata().getNamespace())
                .endMetadata()
                .withType(type)
                .withReason(reason)
                .withAction(reason)
                .withNote(dev.openmodel.text.Escape.message(note, 1024))
                .withReportingController("openmodel.dev/operator")
                .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", "openmodel-operator"))
                .withEventTime(new MicroTime(ZonedDateTime.now(ZoneOffset.UTC).format(MICRO)))
                .withRegarding(new ObjectReferenceBuilder()
                        .withApiVersion(model.getApiVersion())
                        .withKind(model.getKind())
                        .withName(model.getMetadata().getName())
                        .withNamespace(model.getMetadata().getNamespace())
                        .withUid(model.getMetadata().getUid())
                        .withResourceVersion(model.getMetadata().getResourceVersion())
                        .build())
                .build();
        try {
            client.resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s for %s/%s: %s", reason, model.getMetadata().getNamespace(), model.getMetadata().getName(), e.getMessage());
        }
    }
}
