package dev.openmodel.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.reconciler.ConformanceReportReconciler;
import dev.openmodel.reconciler.LeaderElection;
import dev.openmodel.reconciler.OpenModelReconciler;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.quarkiverse.operatorsdk.runtime.QuarkusConfigurationService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus application itself, booted by Quarkus as it boots in production (CDI, the operator
 * SDK extension's build-time and run-time configuration, Micrometer, SmallRye Health), with the
 * test profile's only differences: the operator is not started and no cluster is reached
 * (application.properties, %test). What the packaged operator does on a cluster is
 * PackagedOperatorIT's part.
 */
@QuarkusTest
class OperatorWiringTest {
    @Inject
    QuarkusConfigurationService configuration;
    @Inject
    OpenModelReconciler openModelReconciler;
    @Inject
    ConformanceReportReconciler conformanceReportReconciler;
    @Inject
    LeaderElectionConfiguration leaderElection;
    @Inject
    io.fabric8.kubernetes.client.KubernetesClient client;
    @Inject
    @io.quarkus.kubernetes.client.KubernetesClientObjectMapper
    com.fasterxml.jackson.databind.ObjectMapper clientMapper;
    @TestHTTPResource("/")
    URL root;

    /** The controllers' configuration as the SDK extension resolved it (registering them would reach the cluster). */
    Map<String, ControllerConfiguration<?>> controllers() {
        return java.util.stream.Stream.of(configuration.getConfigurationFor(openModelReconciler), configuration.getConfigurationFor(conformanceReportReconciler))
                .collect(Collectors.toMap(ControllerConfiguration::getName, c -> c));
    }

    @Test
    void bothControllersAreRegisteredWithTheirConfiguration() {
        assertThat(configuration.controllerConfigurations().map(ControllerConfiguration::getName))
                .containsExactlyInAnyOrder("openmodel", ConformanceReportReconciler.NAME);
        Map<String, ControllerConfiguration<?>> controllers = controllers();

        ControllerConfiguration<?> models = controllers.get("openmodel");
        assertThat(models.getResourceClass()).isEqualTo(dev.openmodel.api.v1alpha1.OpenModel.class);
        assertThat(models.getInformerConfig().watchAllNamespaces()).isTrue();
        assertThat(models.fieldManager()).isEqualTo(OpenModelReconciler.FIELD_MANAGER);
        assertThat(models.maxReconciliationInterval()).contains(Duration.ofMinutes(5));
        assertThat(models.getRetry()).isInstanceOfSatisfying(GenericRetry.class, retry -> {
            assertThat(retry.getMaxAttempts()).as("retries never give up").isEqualTo(-1);
            assertThat(retry.getInitialInterval()).isEqualTo(2000);
            assertThat(retry.getIntervalMultiplier()).isEqualTo(2.0);
            assertThat(retry.getMaxInterval()).isEqualTo(60000);
        });

        // The Deployment controller's progress reports do not reach a reconcile (the dependent's informer filter, from its annotation).
        var deployment = models.getWorkflowSpec().orElseThrow().getDependentResourceSpecs().stream()
                .filter(d -> "deployment".equals(d.getName())).findFirst().orElseThrow();
        var config = (io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig<?>) deployment.getConfiguration().orElseThrow();
        assertThat(config.informerConfig().getOnUpdateFilter()).isInstanceOf(dev.openmodel.reconciler.DeploymentChanges.class);

        ControllerConfiguration<?> report = controllers.get(ConformanceReportReconciler.NAME);
        assertThat(report.maxReconciliationInterval()).contains(Duration.ofMinutes(5));
        assertThat(report.fieldManager()).isEqualTo(OpenModelReconciler.FIELD_MANAGER);
    }

    @Test
    void threadsLeaderElectionAndMetricsAreOurs() {
        assertThat(configuration.concurrentReconciliationThreads()).isEqualTo(10);
        assertThat(configuration.concurrentWorkflowExecutorThreads()).isEqualTo(10);
        // Our Lease configuration is what the SDK gets; the extension turns leader election on in the prod profile only.
        assertThat(leaderElection.getLeaseName()).isEqualTo(LeaderElection.LEASE);
        assertThat(leaderElection.getLeaderCallbacks()).isPresent();
        assertThat(configuration.getLeaderElectionConfiguration()).as("%test profile").isEmpty();
        assertThat(configuration.getMetrics().getClass().getName()).contains("Micrometer");
    }

    @Test
    void theClientDecodesOnlyTheOperatorsOwnFieldSets() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"managedFields\":["
                + "{\"manager\":\"kubelet\",\"operation\":\"Update\",\"fieldsV1\":{\"f:status\":{}}},"
                + "{\"manager\":\"" + OpenModelReconciler.FIELD_MANAGER + "\",\"operation\":\"Apply\",\"fieldsV1\":{\"f:spec\":{}}}]}}";
        var entries = client.getKubernetesSerialization().unmarshal(json, io.fabric8.kubernetes.api.model.Pod.class).getMetadata().getManagedFields();
        assertThat(entries.get(0).getFieldsV1()).isNull();
        assertThat(entries.get(1).getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
    }

    /** The client's own wrappers (fields of unexpected types) delegate to Blackbird's generated accessors, not to reflection. */
    @Test
    void theClientsPropertiesGoThroughGeneratedAccessors() throws Exception {
        client.getKubernetesSerialization(); // built on this mapper, with the client's modules
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) clientMapper.getDeserializationContext())
                .createInstance(clientMapper.getDeserializationConfig(), null, null);
        var pod = (com.fasterxml.jackson.databind.deser.BeanDeserializerBase) context
                .findRootValueDeserializer(clientMapper.constructType(io.fabric8.kubernetes.api.model.PodSpec.class));
        var nodeName = (com.fasterxml.jackson.databind.deser.SettableBeanProperty.Delegating) pod.findProperty("nodeName");
        assertThat(nodeName.getDelegate().getClass().getName()).startsWith("com.fasterxml.jackson.module.blackbird.");
    }

    @Test
    void servesLivenessAndPrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(root + "q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(root + "q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes"); // the operator's own series: PackagedOperatorIT
    }
}
