package dev.openmodel.conformance;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a final pod template (user overrides included) against the workload side of the CNCF
 * Kubernetes AI Conformance checklist and Pod Security "restricted". Each finding names the
 * rule it breaks: the checklist id where there is one.
 */
public final class WorkloadConformance {

    /** One broken rule and what broke it. */
    public record Finding(String rule, String fact) {
        @Override
        public String toString() {
            return rule + ": " + fact;
        }
    }

    /** Variables that pick devices behind the resource manager's back (NVIDIA, CUDA, AMD ROCm/HIP, Intel Level Zero, AWS Neuron, Habana). */
    static final Set<String> DEVICE_SELECTING_ENV = Set.of("NVIDIA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES", "NVIDIA_REQUIRE_CUDA",
            "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "GPU_DEVICE_ORDINAL", "ZE_AFFINITY_MASK", "NEURON_RT_VISIBLE_CORES",
            "HABANA_VISIBLE_DEVICES", "TPU_VISIBLE_CHIPS");
    static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
            "projected", "secret", "image");

    private WorkloadConformance() {
    }

    /**
     * @param pod the rendered pod template
     * @param metricsPath the engine's metrics path, or null when it exposes none
     * @param healthPath the engine's health path
     */
    public static List<Finding> check(PodSpec pod, String metricsPath, String healthPath) {
        List<Finding> findings = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            findings.add(new Finding("pod_security_restricted", "the pod shares the host's network, PID or IPC namespace"));
        }
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (v.getHostPath() != null) {
                findings.add(new Finding("pod_security_restricted", "volume " + v.getName() + " is a hostPath"));
            }
        }
        var podContext = pod.getSecurityContext();
        boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        String podSeccomp = podContext == null || podContext.getSeccompProfile() == null ? null : podContext.getSeccompProfile().getType();
        for (Container c : pod.getContainers()) {
            var sc = c.getSecurityContext();
            if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " does not set allowPrivilegeEscalation: false"));
            }
            if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " is privileged"));
            }
            if (sc == null || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " does not drop ALL capabilities"));
            }
            if (!(podNonRoot || (sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot())))) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " may run as root"));
            }
            String seccomp = sc != null && sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType() : podSeccomp;
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " has no RuntimeDefault seccomp profile"));
            }
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() > 0)) {
                findings.add(new Finding("pod_security_restricted", "container " + c.getName() + " binds a host port"));
            }
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                if (DEVICE_SELECTING_ENV.contains(e.getName())) {
                    findings.add(new Finding("secure_accelerator_access", "container " + c.getName() + " sets " + e.getName()
                            + ", which picks devices outside the device plugin or DRA; request accelerators through resources or resource claims"));
                }
            }
        }
        Container engine = pod.getContainers().isEmpty() ? null : pod.getContainers().get(0);
        if (engine != null) {
            boolean namedPort = engine.getPorts() != null && engine.getPorts().stream().anyMatch(p -> p.getName() != null && p.getContainerPort() != null);
            if (metricsPath == null || !namedPort) {
                findings.add(new Finding("ai_service_metrics", "the engine exposes no Prometheus metrics endpoint on a named port"));
            }
            var readiness = engine.getReadinessProbe();
            if (readiness == null || readiness.getHttpGet() == null || !healthPath.equals(readiness.getHttpGet().getPath())) {
                findings.add(new Finding("readiness_on_health", "readiness is not checked on the engine's health endpoint " + healthPath));
            }
        }
        return List.copyOf(findings);
    }
}
