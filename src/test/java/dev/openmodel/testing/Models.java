package dev.openmodel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.reconciler.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;

/** OpenModels of one namespace, as integration tests look at them: read, await a condition, await an Event. */
public final class Models {
    private final KubernetesClient client;
    private final String namespace;

    public Models(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public OpenModel get(String name) {
        return client.resources(OpenModel.class).inNamespace(namespace).withName(name).get();
    }

    public OpenModel awaitCondition(String name, String type, String status) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> get(name),
                m -> m != null && condition(m, type).map(c -> status.equals(c.getStatus())).orElse(false));
    }

    public boolean isReady(String name) {
        OpenModel m = get(name);
        return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, Conditions.READY);
    }

    public void awaitEvent(String model, String reason) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.events().v1().events().inNamespace(namespace)
                .list().getItems()).anyMatch(e -> reason.equals(e.getReason()) && model.equals(e.getRegarding().getName())));
    }

    public static Optional<Condition> condition(OpenModel model, String type) {
        return model.getStatus() == null ? Optional.empty() : Conditions.find(model.getStatus().conditions, type);
    }
}
