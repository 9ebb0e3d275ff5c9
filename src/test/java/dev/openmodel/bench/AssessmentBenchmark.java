package dev.openmodel.bench;

import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelFormat;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessComponent;
import dev.openmodel.api.v1alpha1.OpennessSpec;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.openness.MofComponent;
import dev.openmodel.policy.ModelAssessor;
import dev.openmodel.policy.PolicyEngine;
import dev.openmodel.policy.PolicyRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code make bench}: throughput of the pure core (license resolution, MOF/OSAID assessment,
 * policy decision) on one thread. Run under {@code taskset -c 0} by the Makefile so it has
 * exactly one core; hack/bench-cli.sh times the offline command.
 */
public final class AssessmentBenchmark {
    private static final String[] LICENSES = {"apache-2.0", "mit", "llama3.1", "gemma", "cc-by-nc-4.0", "Apache License 2.0",
            "MIT License", "Llama 3.1 Community License", "Apache-2.0 OR MIT", "llama3.3", "openrail++", "cc-by-4.0", "OpenMDW-1.0",
            "qwen", "deepseek", "other", "GPL-3.0-only WITH GCC-exception-3.1", "bsd-3-clause", "CC BY-NC 4.0", "unknown"};

    public static void main(String[] args) throws Exception {
        List<OpenModelSpec> corpus = corpus(1000, new Random(42));
        PolicyRules builtIn = PolicyRules.builtIn();

        // First sight of each distinct license string: SPDX parsing, catalog lookups (uncached).
        long t0 = System.nanoTime();
        int distinct = 0;
        for (int i = 0; i < 200; i++) {
            LicenseResolver.resolve("LicenseRef-bench-" + i + " OR (Apache-2.0 AND MIT-" + i + ")");
            distinct++;
        }
        double coldMicros = (System.nanoTime() - t0) / 1e3 / distinct;

        run(corpus, builtIn, 3_000); // warm-up
        double[] rates = new double[5];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = run(corpus, builtIn, 2_000);
        }
        Arrays.sort(rates);
        System.out.printf("assessments per second, one thread (1000-model corpus, built-in policy): median %.0f, min %.0f, max %.0f%n",
                rates[2], rates[0], rates[4]);
        System.out.printf("first-sight cost of a license expression (SPDX parse, uncached): %.0f µs%n", coldMicros);
        System.out.println("target: >= 10000 assessments/s -> " + (rates[2] >= 10_000 ? "met" : "NOT MET"));

    }

    private static double run(List<OpenModelSpec> corpus, PolicyRules rules, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long count = 0;
        long start = System.nanoTime();
        int violations = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < corpus.size(); i++) {
                violations += PolicyEngine.decide(ModelAssessor.facts("m" + i, corpus.get(i)), rules).violations().size();
            }
            count += corpus.size();
        }
        if (violations < 0) {
            throw new IllegalStateException(); // keeps the work observable
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static List<OpenModelSpec> corpus(int size, Random random) {
        MofComponent[] components = MofComponent.values();
        List<OpenModelSpec> corpus = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            OpenModelSpec spec = new OpenModelSpec();
            spec.model = new ModelSource();
            spec.model.uri = "hf://org-" + (i % 50) + "/model-" + i;
            spec.model.format = random.nextInt(10) == 0 ? ModelFormat.pytorch : ModelFormat.safetensors;
            spec.license = new LicenseSpec();
            spec.license.id = LICENSES[random.nextInt(LICENSES.length)];
            spec.license.name = spec.license.id.equals("other") ? "Custom terms" : null;
            spec.license.acceptTerms = random.nextBoolean() ? List.of("llama3.1", "gemma") : List.of();
            spec.openness = new OpennessSpec();
            spec.openness.components = new ArrayList<>();
            int n = random.nextInt(components.length + 1);
            for (int c = 0; c < n; c++) {
                OpennessComponent oc = new OpennessComponent();
                oc.name = components[random.nextInt(components.length)].id();
                oc.license = LICENSES[random.nextInt(LICENSES.length)];
                spec.openness.components.add(oc);
            }
            corpus.add(spec);
        }
        return corpus;
    }
}
