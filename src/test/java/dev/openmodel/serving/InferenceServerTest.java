package dev.openmodel.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.ResourcesSpec;
import dev.openmodel.api.v1alpha1.SecretKeyRef;
import dev.openmodel.api.v1alpha1.ServingSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceServerTest {

    static OpenModel model(String uri) {
        OpenModel model = new OpenModel();
        model.getMetadata().setName("m");
        model.getMetadata().setNamespace("team-a");
        model.setSpec(new OpenModelSpec());
        model.getSpec().model = new ModelSource();
        model.getSpec().model.uri = uri;
        model.getSpec().license = new LicenseSpec();
        model.getSpec().license.id = "apache-2.0";
        return model;
    }

    private static PodSpec pod(OpenModel model) {
        return InferenceServer.deployment(model, 1).getSpec().getTemplate().getSpec();
    }

    private static Container container(OpenModel model) {
        return pod(model).getContainers().get(0);
    }

    @Test
    void podMeetsPodSecurityRestricted() {
        PodSpec pod = pod(model("hf://Qwen/Qwen2.5-7B-Instruct"));
        Container c = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void sharedMemoryAndCachesAreWritableVolumes() {
        PodSpec pod = pod(model("hf://Qwen/Qwen2.5-7B-Instruct"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("dshm");
            assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory");
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/dev/shm", InferenceServer.CACHE_DIR, "/tmp");
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("HF_HOME");
            assertThat(e.getValue()).startsWith(InferenceServer.CACHE_DIR);
        });
    }

    @Test
    void acceleratorIsRequestedAsAnExtendedResourceWithRequestsEqualToLimits() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        model.getSpec().resources = new ResourcesSpec();
        model.getSpec().resources.accelerator = new AcceleratorSpec();
        model.getSpec().resources.accelerator.count = 4;

        Container c = container(model);
        assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("4"));
        assertThat(c.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("4"));
        assertThat(c.getArgs()).containsSequence("--tensor-parallel-size", "4");
        assertThat(pod(model).getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
    }

    @Test
    void migSlicesTolerateTheWholeGpuTaint() {
        OpenModel model = model("hf://Qwen/Qwen2.5-0.5B-Instruct");
        model.getSpec().resources = new ResourcesSpec();
        model.getSpec().resources.accelerator = new AcceleratorSpec();
        model.getSpec().resources.accelerator.resourceName = "nvidia.com/mig-1g.10gb";

        assertThat(container(model).getResources().getLimits()).containsKey("nvidia.com/mig-1g.10gb");
        assertThat(pod(model).getTolerations().get(0).getKey()).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void productAndMemoryBecomeNodeAffinityOnGpuFeatureDiscoveryLabels() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        model.getSpec().resources = new ResourcesSpec();
        model.getSpec().resources.accelerator = new AcceleratorSpec();
        model.getSpec().resources.accelerator.product = "NVIDIA-H100-80GB-HBM3";
        model.getSpec().resources.accelerator.minMemoryGiB = 40;

        var terms = pod(model).getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).singleElement().satisfies(t -> assertThat(t.getMatchExpressions()).satisfiesExactly(
                e -> {
                    assertThat(e.getKey()).isEqualTo("nvidia.com/gpu.product");
                    assertThat(e.getOperator()).isEqualTo("In");
                    assertThat(e.getValues()).containsExactly("NVIDIA-H100-80GB-HBM3");
                },
                e -> {
                    assertThat(e.getKey()).isEqualTo("nvidia.com/gpu.memory");
                    assertThat(e.getOperator()).isEqualTo("Gt");
                    assertThat(e.getValues()).containsExactly("40959");
                }));
    }

    @Test
    void noAffinityWhenNoProductOrMemoryIsAsked() {
        assertThat(pod(model("hf://Qwen/Qwen2.5-7B-Instruct")).getAffinity()).isNull();
    }

    @Test
    void hubModelIsLoadedByIdAndPinnedRevision() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        model.getSpec().model.revision = "a09a35458c702b33eeacc393d103063234e8bc28";
        Container c = container(model);

        assertThat(c.getCommand()).containsExactly("vllm", "serve");
        assertThat(c.getArgs().get(0)).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(c.getArgs()).containsSequence("--revision", "a09a35458c702b33eeacc393d103063234e8bc28")
                .containsSequence("--served-model-name", "m")
                .doesNotContain("--trust-remote-code");
    }

    @Test
    void trustRemoteCodeIsPassedOnlyWhenAsked() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        model.getSpec().model.trustRemoteCode = true;
        assertThat(container(model).getArgs()).contains("--trust-remote-code");
    }

    @Test
    void claimModelIsMountedReadOnly() {
        OpenModel model = model("pvc://weights/qwen/7b");
        PodSpec pod = pod(model);

        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("model")).singleElement().satisfies(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("weights");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
        });
        assertThat(pod.getContainers().get(0).getArgs().get(0)).isEqualTo("/models/qwen/7b");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/models");
            assertThat(m.getReadOnly()).isTrue();
        });
    }

    @Test
    void ociModelIsAnImageVolume() {
        PodSpec pod = pod(model("oci://registry.example/models/qwen:1.0"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("model")).singleElement().satisfies(v -> assertThat(v.getImage().getReference()).isEqualTo("registry.example/models/qwen:1.0"));
    }

    @Test
    void objectStoreModelIsStreamedByVllm() {
        Container c = container(model("s3://bucket/models/qwen"));
        assertThat(c.getArgs().get(0)).isEqualTo("s3://bucket/models/qwen");
        assertThat(c.getArgs()).containsSequence("--load-format", "runai_streamer");
    }

    @Test
    void tokenIsReferencedFromItsSecretNeverInlined() {
        OpenModel model = model("hf://meta-llama/Llama-3.1-8B-Instruct");
        model.getSpec().model.credentialsSecretRef = new SecretKeyRef();
        model.getSpec().model.credentialsSecretRef.name = "hf";
        model.getSpec().model.credentialsSecretRef.key = "token";

        assertThat(container(model).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("HF_TOKEN");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf");
        });
    }

    @Test
    void userArgumentsComeAfterOurs() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        model.getSpec().serving = new ServingSpec();
        model.getSpec().serving.args = List.of("--max-model-len", "8192");
        List<String> args = container(model).getArgs();
        assertThat(args.subList(args.size() - 2, args.size())).containsExactly("--max-model-len", "8192");
    }

    @Test
    void everyEngineRendersWithItsOwnPortAndHealthProbe() {
        for (Engine engine : Engine.values()) {
            OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
            model.getSpec().serving = new ServingSpec();
            model.getSpec().serving.engine = engine;
            Deployment d = InferenceServer.deployment(model, 1);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(EngineDefaults.of(engine).port());
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
            assertThat(c.getImage()).isEqualTo(EngineDefaults.of(engine).image());
            assertThat(InferenceServer.service(model).getSpec().getPorts().get(0).getPort()).isEqualTo(EngineDefaults.of(engine).port());
        }
    }

    @Test
    void startupBudgetGrowsWithModelSize() {
        assertThat(InferenceServer.startupFailureThreshold("7.6B")).isEqualTo(60 + 23);
        assertThat(InferenceServer.startupFailureThreshold("405B")).isEqualTo(60 + 1215);
        assertThat(InferenceServer.startupFailureThreshold("500M")).isEqualTo(62);
        assertThat(InferenceServer.startupFailureThreshold(null)).isEqualTo(84);
    }

    @Test
    void replacesPodsOneAtATimeWithoutNeedingASpareGpu() {
        Deployment d = InferenceServer.deployment(model("hf://Qwen/Qwen2.5-7B-Instruct"), 2);
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isZero();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void renderingIsDeterministic() {
        OpenModel model = model("hf://Qwen/Qwen2.5-7B-Instruct");
        assertThat(InferenceServer.deployment(model, 1)).isEqualTo(InferenceServer.deployment(model, 1));
    }
}
