package dev.openmodel.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local Kubernetes control plane (hack/cluster.sh: real kube-apiserver, etcd,
 * controller manager and scheduler, fake GPU nodes under kwok) for integration tests.
 * Starts it when it is not running, applies the committed CRDs from crds/, and gives each
 * test class a namespace of its own that is deleted afterwards.
 *
 * <pre>{@code @RegisterExtension static LocalCluster cluster = new LocalCluster();}</pre>
 */
public final class LocalCluster implements BeforeAllCallback, AfterAllCallback {
    private static final Path PROJECT = Path.of(System.getProperty("openmodel.projectDir", ".")).toAbsolutePath().normalize();
    private static final Path KUBECONFIG = PROJECT.resolve(".cluster/kubeconfig");
    private static KubernetesClient sharedClient;
    private static Path binDir;

    private String namespace;

    @Override
    public void beforeAll(ExtensionContext context) {
        client();
        String base = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        namespace = (base.length() > 40 ? base.substring(0, 40) : base) + "-" + UUID.randomUUID().toString().substring(0, 6);
        sharedClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (namespace != null) {
            sharedClient.namespaces().withName(namespace).delete();
        }
    }

    public String namespace() {
        return namespace;
    }

    /** A client for the local cluster, started and prepared on first use. */
    public static synchronized KubernetesClient client() {
        if (sharedClient == null) {
            ensureUp();
            try {
                Config config = Config.fromKubeconfig(Files.readString(KUBECONFIG));
                sharedClient = new KubernetesClientBuilder().withConfig(config).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            applyCrds(sharedClient);
        }
        return sharedClient;
    }

    public static Path kubeconfig() {
        return KUBECONFIG;
    }

    /** Where hack/build-tools.sh put the cluster's binaries (and, after --with-argocd, Argo CD's). */
    public static Path binDir() {
        client();
        return binDir;
    }

    /**
     * Runs the cluster's own kubectl, as a user would, with the given standard input, in the
     * test class's namespace unless the arguments name one.
     */
    public Result kubectl(String stdin, String... args) {
        List<String> all = new ArrayList<>();
        if (namespace != null && java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--namespace"))) {
            all.add("--namespace=" + namespace);
        }
        all.addAll(List.of(args));
        return tool("kubectl", stdin, all.toArray(String[]::new));
    }

    /** Runs another tool built with the cluster (e.g. helm) against it, with the cluster's kubeconfig. */
    public Result tool(String name, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binDir.resolve(name).toString());
        command.add("--kubeconfig=" + KUBECONFIG);
        command.addAll(List.of(args));
        return run(command, stdin, Duration.ofSeconds(60));
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs a command (a script of the project's, git) in the project's directory, with standard input. */
    public static Result run(Duration timeout, String stdin, String... command) {
        return run(List.of(command), stdin, timeout);
    }

    private static void ensureUp() {
        Result up = run(List.of(PROJECT.resolve("hack/cluster.sh").toString(), "up"), null, Duration.ofMinutes(80));
        if (up.exitCode() != 0) {
            throw new IllegalStateException("could not start the local cluster (hack/cluster.sh up):\n" + up.output());
        }
        Result tools = run(List.of(PROJECT.resolve("hack/build-tools.sh").toString()), null, Duration.ofMinutes(80));
        List<String> lines = tools.output().lines().toList();
        binDir = Path.of(lines.get(lines.size() - 1).trim());
    }

    private static void applyCrds(KubernetesClient client) {
        try (Stream<Path> files = Files.list(PROJECT.resolve("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                        .load(new ByteArrayInputStream(Files.readAllBytes(file))).item();
                client.resource(crd).fieldManager("openmodel-crds").forceConflicts().serverSideApply();
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                                .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())), 60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(List<String> command, String stdin, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
