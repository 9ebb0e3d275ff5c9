package dev.openmodel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM command line the operator's container runs, composed as the image's entry point composes
 * it. The UBI OpenJDK images start {@code run-java.sh}, which runs
 * {@code java $JAVA_OPTS <defaults> $JAVA_OPTS_APPEND -jar $JAVA_APP_JAR}; the defaults
 * ({@code java-default-options} of jboss-container-images/openjdk, modules/jvm) are
 * {@code -XX:MaxRAMPercentage=} ($JAVA_MAX_MEM_RATIO, else 50), the collector
 * ($GC_CONTAINER_OPTIONS, else {@code -XX:+UseParallelGC}), {@code -XX:MinHeapFreeRatio=10
 * -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90} (each from its GC_
 * variable) and {@code -XX:+ExitOnOutOfMemoryError}. The image ({@code src/main/docker/Dockerfile.jvm})
 * sets JAVA_OPTS; the Deployment ({@code deploy/operator.yaml}) sets the rest and the memory limit.
 * The benchmark starts the operator with this command line, and a test starts a JVM with it.
 */
public final class ContainerJvmOptions {
    public static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    public static final Path DEPLOYMENT = Path.of("deploy/operator.yaml");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=\"([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern BASE_JDK = Pattern.compile("^FROM\\s+\\S*openjdk-(\\d+)", Pattern.MULTILINE);

    private ContainerJvmOptions() {
    }

    /** The options in the order run-java.sh gives them; a later option of the same name wins in the JVM. */
    public static List<String> of(Path dockerfile, Path deployment) {
        Map<String, String> env = new LinkedHashMap<>(imageEnv(dockerfile));
        env.putAll(deploymentEnv(deployment));
        List<String> options = new ArrayList<>();
        options.addAll(split(env.get("JAVA_OPTS")));
        String ratio = env.get("JAVA_MAX_MEM_RATIO");
        if (!"0".equals(ratio)) {
            options.add("-XX:MaxRAMPercentage=" + (ratio == null ? "50" : String.valueOf(Math.round(Double.parseDouble(ratio)))) + ".0");
        }
        options.addAll(split(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC")));
        options.add("-XX:MinHeapFreeRatio=" + env.getOrDefault("GC_MIN_HEAP_FREE_RATIO", "10"));
        options.add("-XX:MaxHeapFreeRatio=" + env.getOrDefault("GC_MAX_HEAP_FREE_RATIO", "20"));
        options.add("-XX:GCTimeRatio=" + env.getOrDefault("GC_TIME_RATIO", "4"));
        options.add("-XX:AdaptiveSizePolicyWeight=" + env.getOrDefault("GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "90"));
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.addAll(split(env.get("JAVA_OPTS_APPEND")));
        return options;
    }

    /**
     * What the shipped container's JVM runs with, outside a container: the Deployment's memory limit
     * as -XX:MaxRAM (in a container the JVM sizes itself by the cgroup limit), then the options.
     */
    public static List<String> shipped() {
        List<String> options = new ArrayList<>();
        memoryLimit(DEPLOYMENT).ifPresent(options::add);
        options.addAll(of(DOCKERFILE, DEPLOYMENT));
        return options;
    }

    static Optional<String> memoryLimit(Path deployment) {
        String limit = container(deployment).path("resources").path("limits").path("memory").asText();
        return limit.isEmpty() ? Optional.empty() : Optional.of("-XX:MaxRAM=" + limit.replace("Mi", "m").replace("Gi", "g"));
    }

    /** The Java feature release of the image's base (ubi9/openjdk-NN-runtime). */
    public static int imageJavaMajor(Path dockerfile) {
        Matcher m = BASE_JDK.matcher(read(dockerfile));
        if (!m.find()) {
            throw new IllegalStateException(dockerfile + " names no openjdk-NN base image");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A JDK of that feature release on this machine (JAVA_HOME, this JVM, or under /usr/lib/jvm). */
    public static Optional<Path> javaOf(int major) {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(homes::add);
        homes.add(Path.of(System.getProperty("java.home")));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted().forEach(homes::add);
        } catch (IOException e) {
            // no system JDKs: only the ones above
        }
        return homes.stream().filter(home -> major(home) == major).map(home -> home.resolve("bin/java")).filter(Files::isExecutable).findFirst();
    }

    /** The feature release of the JDK at home (its release file), or -1. */
    public static int major(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static Map<String, String> imageEnv(Path dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV.matcher(read(dockerfile));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    static Map<String, String> deploymentEnv(Path deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container(deployment).path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText().trim());
            }
        }
        return env;
    }

    private static JsonNode container(Path deployment) {
        try {
            JsonNode d = new ObjectMapper(new YAMLFactory()).readTree(deployment.toFile());
            return d.path("spec").path("template").path("spec").path("containers").get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
