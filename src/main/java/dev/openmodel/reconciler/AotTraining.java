package dev.openmodel.reconciler;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.openmodel.api.v1alpha1.ConformanceReport;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.policy.ModelAssessor;
import dev.openmodel.policy.PolicyEngine;
import dev.openmodel.policy.PolicyRules;
import dev.openmodel.serving.InferenceServer;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The AOT cache's training workload. The cache (hack/aot-cache.sh, run by the image build) is
 * recorded from a start with no API server to reach, which ends at the first request: left to
 * itself it holds the classes of Quarkus's boot and nothing the operator loads after that. Yet what
 * follows is what a restart waits on: the informers' first lists are decoded into the Kubernetes
 * model classes (their Jackson deserializers built, Blackbird's accessors generated) and then the
 * first reconciles assess, render and compare. With {@code openmodel.aot-training=true} (set only by
 * hack/aot-cache.sh), the start first runs that work on objects as the API server sends them
 * ({@code aot-training/*.json}: one of each kind the operator lists or watches, taken from the local
 * cluster with a served model), so that the cache holds those classes loaded and linked, and the
 * methods' profiles.
 *
 * <p>Nothing here runs in a normal start; it reads and writes no cluster state.
 */
@ApplicationScoped
public class AotTraining {
    private static final Logger LOG = Logger.getLogger(AotTraining.class);

    @ConfigProperty(name = "openmodel.aot-training", defaultValue = "false")
    boolean enabled;

    @Inject
    KubernetesClient client;

    /** After NativeCrypto, before the SDK starts the informers (its observer has the default priority). */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (enabled) {
            int decoded = train(client.getKubernetesSerialization());
            LOG.infof("AOT training: %d objects decoded, encoded and assessed", decoded);
        }
    }

    /** Every sample through what the operator does with its kind; returns how many were decoded. */
    static int train(KubernetesSerialization json) {
        // As the SDK does when it starts their informers: their watch events then decode to the classes.
        json.registerKubernetesResource(OpenModel.class);
        json.registerKubernetesResource(ConformanceReport.class);
        int decoded = 0;
        decoded += roundTrip(json, "deployment", Deployment.class, DeploymentList.class);
        decoded += roundTrip(json, "service", Service.class, ServiceList.class);
        decoded += roundTrip(json, "pod", Pod.class, PodList.class);
        decoded += roundTrip(json, "node", Node.class, NodeList.class);
        decoded += roundTrip(json, "namespace", Namespace.class, NamespaceList.class);
        decoded += roundTrip(json, "lease", Lease.class, null);
        decoded += roundTrip(json, "conformancereport", ConformanceReport.class, customList(json, ConformanceReport.class));
        decoded += roundTrip(json, "openmodel", OpenModel.class, customList(json, OpenModel.class));
        OpenModel model = json.unmarshal(sample("openmodel"), OpenModel.class);
        // The reconcile's pure parts: the SDK's copy of the model, its assessment, the render and the SSA matcher's map.
        OpenModel copy = json.clone(model);
        PolicyEngine.decide(ModelAssessor.facts(copy.getMetadata().getName(), copy.getSpec()), PolicyRules.builtIn());
        int replicas = InferenceServer.replicas(copy);
        for (HasMetadata desired : List.of(InferenceServer.deployment(copy, replicas), InferenceServer.service(copy))) {
            json.convertValue(desired, Map.class);
            json.asJson(desired);
        }
        return decoded;
    }

    /** A sample decoded alone, in a list (an informer's list) and in a watch event, then encoded again. */
    private static <T extends HasMetadata> int roundTrip(KubernetesSerialization json, String name, Class<T> kind, Type listType) {
        String item = sample(name);
        T object = json.unmarshal(item, kind);
        json.asJson(object);
        if (listType != null) {
            String list = "{\"apiVersion\":\"" + object.getApiVersion() + "\",\"kind\":\"" + object.getKind()
                    + "List\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[" + item + "," + item + "]}";
            json.unmarshal(new java.io.ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), new TypeReference<Object>() {
                @Override
                public Type getType() {
                    return listType;
                }
            });
        }
        WatchEvent event = json.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + item + "}", WatchEvent.class);
        if (!kind.isInstance(event.getObject())) {
            throw new IllegalStateException("the watch event's object is a " + event.getObject().getClass().getName() + ", not a " + kind.getName());
        }
        return 1;
    }

    private static Type customList(KubernetesSerialization json, Class<? extends HasMetadata> kind) {
        return json.constructParametricType(DefaultKubernetesResourceList.class, kind);
    }

    static String sample(String name) {
        try (InputStream in = AotTraining.class.getResourceAsStream("/aot-training/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no resource aot-training/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading aot-training/" + name + ".json", e);
        }
    }
}
