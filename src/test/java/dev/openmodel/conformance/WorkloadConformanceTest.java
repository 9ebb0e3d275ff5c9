package dev.openmodel.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.api.v1alpha1.EnvVarSpec;
import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.ServingSpec;
import dev.openmodel.serving.EngineDefaults;
import dev.openmodel.serving.InferenceServer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkloadConformanceTest {

    static OpenModel model(Engine engine, List<EnvVarSpec> env) {
        OpenModel m = new OpenModel();
        m.getMetadata().setName("m");
        m.getMetadata().setNamespace("ns");
        m.setSpec(new OpenModelSpec());
        m.getSpec().model = new ModelSource();
        m.getSpec().model.uri = engine == Engine.llamacpp ? "pvc://weights/m.gguf" : "hf://a/b";
        m.getSpec().license = new LicenseSpec();
        m.getSpec().license.id = "apache-2.0";
        m.getSpec().serving = new ServingSpec();
        m.getSpec().serving.engine = engine;
        m.getSpec().serving.env = env;
        return m;
    }

    static List<WorkloadConformance.Finding> check(OpenModel m) {
        EngineDefaults d = EngineDefaults.of(InferenceServer.engine(m));
        return WorkloadConformance.check(InferenceServer.podSpec(m, null), d.metricsPath(), d.healthPath());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyEngineRendersAConformantPod(Engine engine) {
        assertThat(check(model(engine, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVIDIA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES"})
    void deviceSelectingVariablesBreakSecureAcceleratorAccess(String name) {
        EnvVarSpec e = new EnvVarSpec();
        e.name = name;
        e.value = "all";
        assertThat(check(model(Engine.vllm, List.of(e)))).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("secure_accelerator_access");
            assertThat(f.fact()).contains(name);
        });
    }

    @Test
    void hostAccessAndPrivilegeAreNotRestricted() {
        PodSpec pod = InferenceServer.podSpec(model(Engine.vllm, null), null);
        pod.setHostNetwork(true);
        pod.getVolumes().add(new VolumeBuilder().withName("host").withNewHostPath().withPath("/").endHostPath().build());
        pod.getContainers().get(0).getSecurityContext().setPrivileged(true);
        pod.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
        assertThat(WorkloadConformance.check(pod, "/metrics", "/health")).extracting(WorkloadConformance.Finding::rule)
                .containsOnly("pod_security_restricted").hasSize(4);
        assertThat(WorkloadConformance.check(pod, null, "/ready")).extracting(WorkloadConformance.Finding::rule)
                .contains("ai_service_metrics", "readiness_on_health");
    }
}
