package dev.openmodel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.conformance.Checklist;
import dev.openmodel.conformance.ClusterEvidence;
import dev.openmodel.conformance.ClusterObserver;
import dev.openmodel.conformance.ConformanceAssessor;
import dev.openmodel.conformance.SelfAssessment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code openmodel conformance [--output FILE] [--platform-name N] ...}: reads the cluster the
 * current kubeconfig points at and writes the CNCF Kubernetes AI Conformance self-assessment in
 * the checklist's own YAML shape for its Kubernetes version. Reads only.
 */
public final class ConformanceCommand {
    static final Map<String, String> METADATA_OPTIONS = Map.of("--platform-name", "platformName", "--platform-version", "platformVersion",
            "--vendor", "vendorName", "--website", "websiteUrl", "--repo", "repoUrl", "--docs", "documentationUrl", "--logo", "productLogoUrl",
            "--description", "description", "--contact", "contactEmailAddress", "--k8s-conformance-url", "k8sConformanceUrl");

    private ConformanceCommand() {
    }

    static String usage() {
        return """
                usage: openmodel conformance [--output FILE] [--platform-name NAME] [--platform-version V] [--vendor NAME]
                                             [--website URL] [--repo URL] [--docs URL] [--logo URL] [--description TEXT]
                                             [--contact EMAIL] [--k8s-conformance-url URL]
                  Reads the cluster of the current kubeconfig (KUBECONFIG) and writes the CNCF Kubernetes AI Conformance
                  self-assessment for its Kubernetes version, in the checklist's own YAML shape. Metadata not given keeps
                  the checklist's placeholders. Requirements OpenModel cannot observe are 'Not Implemented' with a note.
                exit status: 0 written, 2 the cluster cannot be read or the options are wrong""";
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return run(args, client, out, err);
        } catch (KubernetesClientException e) {
            err.println("openmodel conformance: cannot read the cluster: " + e.getMessage());
            return 2;
        }
    }

    static int run(List<String> args, KubernetesClient client, PrintStream out, PrintStream err) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Path output = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println(usage());
                return 0;
            }
            if (i + 1 >= args.size() || !(a.equals("--output") || METADATA_OPTIONS.containsKey(a))) {
                err.println("openmodel conformance: unknown option or missing value: " + a + "\n" + usage());
                return 2;
            }
            String value = args.get(++i);
            if (a.equals("--output")) {
                output = Path.of(value);
            } else {
                metadata.put(METADATA_OPTIONS.get(a), value);
            }
        }
        try {
            List<OpenModel> models = client.resources(OpenModel.class).inAnyNamespace().list().getItems();
            int conformant = (int) models.stream().filter(m -> m.getStatus() != null && m.getStatus().conditions != null && m.getStatus().conditions
                    .stream().anyMatch(c -> c.getType().equals("Conformant") && c.getStatus().equals("True"))).count();
            ClusterEvidence evidence = ClusterObserver.observe(client, models.size(), conformant);
            Checklist checklist = Checklist.forMinor(evidence.minor());
            String yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
                    .writeValueAsString(SelfAssessment.document(checklist, ConformanceAssessor.assess(checklist, evidence), metadata));
            String header = "# CNCF Kubernetes AI Conformance self-assessment, AIConformance-1." + checklist.minor() + ", read by OpenModel from "
                    + evidence.kubernetesVersion() + ". Review every entry before submitting.\n";
            if (output == null) {
                out.print(header + yaml);
            } else {
                Files.writeString(output, header + yaml);
            }
            return 0;
        } catch (KubernetesClientException e) {
            err.println("openmodel conformance: cannot read the cluster: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("openmodel conformance: " + e.getMessage());
            return 2;
        }
    }
}
