package dev.openmodel.serving;

import dev.openmodel.api.v1alpha1.AcceleratorSpec;
import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.ServingSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the inference server of an OpenModel: a Deployment that requests its accelerators
 * and meets Pod Security "restricted", and a Service on the engine's port. Pure: the same
 * OpenModel always renders the same objects, in canonical form, so server-side apply of an
 * unchanged model changes nothing.
 */
public final class InferenceServer {
    public static final String CONTAINER = "server";
    public static final String PORT_NAME = "http";
    /** Non-root user the engine runs as; engines' images run as root unless told otherwise. */
    static final long RUN_AS_USER = 1000;
    static final String CACHE_DIR = "/var/cache/openmodel";
    static final String MODEL_DIR = "/models";
    static final String DEFAULT_CPU = "2";
    static final String DEFAULT_MEMORY = "16Gi";

    private InferenceServer() {
    }

    public static Engine engine(OpenModel model) {
        ServingSpec serving = model.getSpec().serving;
        return serving == null || serving.engine == null ? Engine.vllm : serving.engine;
    }

    public static int replicas(OpenModel model) {
        ServingSpec serving = model.getSpec().serving;
        return serving == null || serving.replicas == null ? 1 : serving.replicas;
    }

    public static AcceleratorSpec accelerator(OpenModel model) {
        OpenModelSpec spec = model.getSpec();
        return spec.resources == null || spec.resources.accelerator == null ? new AcceleratorSpec() : spec.resources.accelerator;
    }

    /** In-cluster URL of the model's Service. */
    public static String endpointUrl(OpenModel model) {
        return "http://" + model.getMetadata().getName() + "." + model.getMetadata().getNamespace() + ".svc:"
                + EngineDefaults.of(engine(model)).port();
    }

    public static Deployment deployment(OpenModel model, int replicas) {
        return deployment(model, replicas, null);
    }

    /** @param resolvedRevision the commit or digest the source was verified at, served when the spec pins none */
    public static Deployment deployment(OpenModel model, int replicas, String resolvedRevision) {
        return deployment(model, replicas, resolvedRevision, 0);
    }

    /** @param minDeviceMiB memory each device must have for the model to fit (0: any), from the fit check */
    public static Deployment deployment(OpenModel model, int replicas, String resolvedRevision, long minDeviceMiB) {
        String name = model.getMetadata().getName();
        Engine engine = engine(model);
        return new DeploymentBuilder()
                .withMetadata(metadata(model))
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector()
                // GPUs are scarce: replace pods one at a time instead of needing a spare GPU to surge.
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.forModel(name, engine)).endMetadata()
                .withSpec(podSpec(model, resolvedRevision, minDeviceMiB))
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(OpenModel model) {
        String name = model.getMetadata().getName();
        Engine engine = engine(model);
        return new ServiceBuilder()
                .withMetadata(metadata(model))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(name))
                .addNewPort()
                .withName(PORT_NAME)
                .withProtocol("TCP")
                .withPort(EngineDefaults.of(engine).port())
                .withTargetPort(new IntOrString(PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }

    /** Same name and namespace as the model, our labels only (never the model's own). */
    private static ObjectMeta metadata(OpenModel model) {
        return new ObjectMetaBuilder()
                .withName(model.getMetadata().getName())
                .withNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.forModel(model.getMetadata().getName(), engine(model)))
                .build();
    }

    static PodSpec podSpec(OpenModel model) {
        return podSpec(model, null);
    }

    public static PodSpec podSpec(OpenModel model, String resolvedRevision) {
        return podSpec(model, resolvedRevision, 0);
    }

    static PodSpec podSpec(OpenModel model, String resolvedRevision, long minDeviceMiB) {
        AcceleratorSpec accelerator = accelerator(model);
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("dshm").withNewEmptyDir().withMedium("Memory").endEmptyDir().build());
        volumes.add(new VolumeBuilder().withName("cache").withNewEmptyDir().endEmptyDir().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        ModelLocation location = ModelLocation.parse(model.getSpec().model.uri);
        switch (location.scheme()) {
            case pvc -> volumes.add(new VolumeBuilder().withName("model")
                    .withNewPersistentVolumeClaim().withClaimName(location.authority()).withReadOnly(true).endPersistentVolumeClaim()
                    .build());
            case oci -> volumes.add(new VolumeBuilder().withName("model")
                    .withNewImage().withReference(ociReference(location.authority(), model.getSpec().model.revision, resolvedRevision))
                    .withPullPolicy("IfNotPresent").endImage()
                    .build());
            default -> {
            }
        }
        PodSpecBuilder pod = new PodSpecBuilder()
                // The engine needs no Kubernetes API access, and service-link variables such as
                // VLLM_PORT collide with the engines' own settings.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS_USER)
                .withRunAsGroup(RUN_AS_USER)
                .withFsGroup(RUN_AS_USER)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(model, location, accelerator, resolvedRevision))
                .withVolumes(volumes);
        AcceleratorPlacement.apply(accelerator, pod, minDeviceMiB, DraClaim.requested(model) ? DraClaim.templateName(model) : null);
        return pod.build();
    }

    /** The artifact to mount, pinned to the digest that was verified (or that the spec names). */
    static String ociReference(String reference, String revision, String resolvedRevision) {
        String digest = revision != null ? revision : resolvedRevision != null && resolvedRevision.startsWith("sha256:") ? resolvedRevision : null;
        if (digest == null || reference.contains("@")) {
            return reference;
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        String repository = colon > slash ? reference.substring(0, colon) : reference;
        return repository + "@" + digest;
    }

    private static Container container(OpenModel model, ModelLocation location, AcceleratorSpec accelerator, String resolvedRevision) {
        Engine engine = engine(model);
        EngineDefaults defaults = EngineDefaults.of(engine);
        ModelSource source = model.getSpec().model;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{model}", modelArgument(location));
        values.put("{port}", Integer.toString(defaults.port()));
        values.put("{name}", model.getMetadata().getName());
        values.put("{accelerators}", Integer.toString(accelerator.count == null ? 1 : accelerator.count));
        String revision = source.revision != null ? source.revision
                : resolvedRevision != null && resolvedRevision.matches("[0-9a-f]{40}") ? resolvedRevision : null;
        values.put("{revision}", revision == null ? "" : revision);

        List<String> args = new ArrayList<>(substitute(defaults.args(), values));
        if (revision != null && location.scheme() == ModelLocation.Scheme.hf) {
            args.addAll(substitute(defaults.revisionArgs(), values));
        }
        if (source.trustRemoteCode) {
            args.addAll(defaults.trustRemoteCodeArgs());
        }
        if (location.scheme() == ModelLocation.Scheme.s3 && engine == Engine.vllm) {
            args.addAll(List.of("--load-format", "runai_streamer"));
        } else if (source.format == null || source.format == dev.openmodel.api.v1alpha1.ModelFormat.safetensors) {
            // The gate allowed safetensors: the engine must not fall back to pickle files in the same repository.
            args.addAll(defaults.safetensorsOnlyArgs());
        }
        ServingSpec serving = model.getSpec().serving;
        if (serving != null && serving.args != null) {
            // Kubernetes expands $(VAR) in args and env; a user's text stays literal ($$ escapes it).
            serving.args.forEach(a -> args.add(literal(a)));
        }

        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount("cache", CACHE_DIR, false));
        mounts.add(mount("dshm", "/dev/shm", false));
        mounts.add(mount("tmp", "/tmp", false));
        if (location.scheme() == ModelLocation.Scheme.pvc || location.scheme() == ModelLocation.Scheme.oci) {
            mounts.add(mount("model", MODEL_DIR, true));
        }

        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(serving != null && serving.image != null && !serving.image.isBlank() ? serving.image : defaults.image())
                .withCommand(defaults.command())
                .withArgs(args)
                .withEnv(env(model, location))
                .addNewPort().withName(PORT_NAME).withContainerPort(defaults.port()).withProtocol("TCP").endPort()
                .withVolumeMounts(mounts)
                .withStartupProbe(probe(defaults, 10, startupFailureThreshold(source.parameters)))
                .withReadinessProbe(probe(defaults, 10, 3))
                .withLivenessProbe(probe(defaults, 30, 5))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext();
        AcceleratorPlacement.requestResources(accelerator, container, new Quantity(DEFAULT_CPU), new Quantity(DEFAULT_MEMORY));
        return container.build();
    }

    /** What the engine is told to load: a hub id, a mounted path, or the object-store URI. */
    static String modelArgument(ModelLocation location) {
        return switch (location.scheme()) {
            case hf -> location.huggingFaceRepo();
            case pvc -> location.path().isEmpty() ? MODEL_DIR : MODEL_DIR + "/" + location.path();
            case oci -> MODEL_DIR;
            case s3 -> "s3://" + location.authority() + (location.path().isEmpty() ? "" : "/" + location.path());
        };
    }

    private static List<EnvVar> env(OpenModel model, ModelLocation location) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("HOME", "/tmp", null));
        env.add(new EnvVar("XDG_CACHE_HOME", CACHE_DIR, null));
        env.add(new EnvVar("HF_HOME", CACHE_DIR + "/huggingface", null));
        env.add(new EnvVar("TRITON_CACHE_DIR", CACHE_DIR + "/triton", null));
        env.add(new EnvVar("VLLM_CACHE_ROOT", CACHE_DIR + "/vllm", null));
        env.add(new EnvVar("VLLM_NO_USAGE_STATS", "1", null));
        env.add(new EnvVar("DO_NOT_TRACK", "1", null));
        ModelSource source = model.getSpec().model;
        if (source.credentialsSecretRef != null && location.scheme() == ModelLocation.Scheme.hf) {
            // Referenced, never read: the token goes from the Secret to the pod and nowhere else.
            env.add(new EnvVarBuilder().withName("HF_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                    .withName(source.credentialsSecretRef.name).withKey(source.credentialsSecretRef.key)
                    .endSecretKeyRef().endValueFrom().build());
        }
        ServingSpec serving = model.getSpec().serving;
        if (serving != null && serving.env != null) {
            for (var e : serving.env) {
                if (e.valueFrom != null && e.valueFrom.secretKeyRef != null) {
                    env.add(new EnvVarBuilder().withName(e.name).withNewValueFrom().withNewSecretKeyRef()
                            .withName(e.valueFrom.secretKeyRef.name).withKey(e.valueFrom.secretKeyRef.key).endSecretKeyRef().endValueFrom().build());
                } else {
                    env.add(new EnvVar(e.name, e.value == null ? "" : literal(e.value), null));
                }
            }
        }
        return env;
    }

    /** User text as Kubernetes passes it on unexpanded: "$(HF_TOKEN)" stays those characters. */
    static String literal(String text) {
        return text == null ? null : text.replace("$", "$$"); // every $ doubled: Kubernetes reduces $$ to $ and expands nothing
    }

    private static Probe probe(EngineDefaults defaults, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(defaults.healthPath()).withPort(new IntOrString(PORT_NAME)).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .withSuccessThreshold(1)
                .build();
    }

    /**
     * Start-up budget in 10-second probes: ten minutes, plus half a minute per billion
     * parameters for download and load (7B about 14 minutes, 70B 45 minutes, 405B 3.5 hours).
     */
    static int startupFailureThreshold(String parameters) {
        double billions = parameterBillions(parameters);
        return 60 + (int) Math.ceil(billions * 3);
    }

    /** A parameter count such as 7.6B or 405B as a number. */
    public static double parameterCount(String parameters) {
        return parameterBillions(parameters) * 1e9;
    }

    static double parameterBillions(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            return 8; // unknown: budget for a typical 7-8B model
        }
        char unit = parameters.charAt(parameters.length() - 1);
        BigDecimal number;
        try {
            number = new BigDecimal(parameters.substring(0, parameters.length() - 1));
        } catch (NumberFormatException e) {
            return 8; // admission checks the shape; never fail a render on it
        }
        BigDecimal factor = switch (unit) {
            case 'K' -> new BigDecimal("0.000001");
            case 'M' -> new BigDecimal("0.001");
            case 'B' -> BigDecimal.ONE;
            case 'T' -> new BigDecimal("1000");
            default -> BigDecimal.valueOf(-1);
        };
        return number.multiply(factor).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    static List<String> substitute(List<String> template, Map<String, String> values) {
        List<String> out = new ArrayList<>(template.size());
        for (String item : template) {
            String value = item;
            for (Map.Entry<String, String> e : values.entrySet()) {
                value = value.replace(e.getKey(), e.getValue());
            }
            out.add(value);
        }
        return out;
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? Boolean.TRUE : null).build();
    }
}
