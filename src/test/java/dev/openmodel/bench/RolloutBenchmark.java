package dev.openmodel.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.reconciler.Conditions;
import dev.openmodel.reconciler.ModelEvents;
import dev.openmodel.reconciler.OpenModelReconciler;
import dev.openmodel.serving.InferenceServer;
import dev.openmodel.testing.ApiRequests;
import dev.openmodel.testing.ContainerJvmOptions;
import dev.openmodel.testing.LocalCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench} rollout: N OpenModels on the local cluster, timed until every one is Ready,
 * against the floor measured in the same run — the very Deployments and Services the operator
 * renders, server-side applied directly by this client, timed until every Deployment is ready.
 * The packaged operator runs as a separate process with the shipped Deployment's JVM settings, so
 * its CPU and RSS are read from /proc. API requests come from the API server's own
 * {@code apiserver_request_total}. Then: writes in a steady state, launch to first reconcile after
 * a restart with N models present, and recovery from kill -9 and from an API-server restart in the
 * middle of a rollout, against a fresh rollout of the same size.
 *
 * <p>Sizes: {@code BENCH_SIZES} (default "100,1000"); recovery size {@code BENCH_RECOVERY_N}
 * (default 300; 0 skips recovery); {@code BENCH_ROUNDS} floor/OpenModel pairs per size (default 1; the ratio
 * reported as their median as well); {@code BENCH_WARMUP} models in an unreported floor first, so that the
 * benchmark's client is warm for every measured floor, and rolled out by each operator before its measured
 * rollout, so that the operator is too (default 100; 0 skips both); {@code BENCH_API_COST} requests of
 * each kind in the probe of what single requests cost the API server (default 200; 0 skips it); {@code BENCH_JFR=1} records a flight-recorder profile of each operator process;
 * {@code BENCH_OPERATOR_OPTS} adds options to the operator's command line (settings to compare);
 * {@code BENCH_APISERVER_PROFILE=<seconds>} takes the API server's CPU profile during the floor and the
 * OpenModel rollout of the largest size ({@link ApiServerProfile}) and splits its CPU per model by part of its work.
 * Results: {@code target/bench/rollout.json} and {@code target/bench/rollout.md}.
 *
 * <p>{@code BENCH_AB=<directory>}: an A/B of two builds instead: the packaged operator here (A,
 * target/quarkus-app) against another one (B, e.g. a copy of target/quarkus-app built at another
 * commit), each rolling out the same N models ({@code BENCH_SIZES}) once per round, {@code
 * BENCH_ROUNDS} rounds, the order alternated from round to round so that the machine's drift falls
 * on both; no floor, restart or recovery. Results: {@code target/bench/ab.json} and {@code ab.md}.
 */
public final class RolloutBenchmark {
    static final int IN_FLIGHT = 16;
    static final Path OUT = Path.of("target/bench");
    static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(15);

    final KubernetesClient client = LocalCluster.client();
    final Map<String, Object> results = new LinkedHashMap<>();
    final StringBuilder table = new StringBuilder();
    /** Where each restart's start-up went (seconds from launch, from the operator's log), appended after the rollouts. */
    final StringBuilder startUp = new StringBuilder();
    final StringBuilder byProcess = new StringBuilder();
    final StringBuilder byProcessHeader = new StringBuilder();
    /** BENCH_APISERVER_PROFILE: the API server's CPU per model by part of its work, floor → OpenModel. */
    final StringBuilder apiServerParts = new StringBuilder();
    /** The largest of BENCH_SIZES: the one rollout whose API server BENCH_APISERVER_PROFILE profiles. */
    int largestSize;
    /** Rows of the ratio of each round (BENCH_ROUNDS > 1). */
    final StringBuilder rounds = new StringBuilder();
    /** BENCH_WARMUP: models of the client's unreported floor and of each operator's warm-up (100; 0 skips both). */
    static final int WARMUP = Integer.parseInt(env("BENCH_WARMUP", "100"));
    /** The status of a Ready model of the last OpenModel rollout: what the API-cost probe writes. */
    dev.openmodel.api.v1alpha1.OpenModelStatus readyStatus;

    public static void main(String[] args) {
        int status = 0;
        try {
            new RolloutBenchmark().run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // The clients' non-daemon threads would keep a failed run's JVM alive (one stayed 43 minutes).
        System.exit(status);
    }

    void run() throws Exception {
        List<Integer> sizes = List.of(env("BENCH_SIZES", "100,1000").split(",")).stream().map(String::strip).map(Integer::parseInt)
                .filter(n -> n > 0).toList(); // BENCH_SIZES=0: recovery only
        int recoveryN = Integer.parseInt(env("BENCH_RECOVERY_N", "300"));
        int largest = Math.max(recoveryN, sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
        ensureNodes(largest);
        results.put("machine", machine());
        results.put("operatorJava", OperatorProcess.Jvm.get(OperatorProcess.APP).java());
        results.put("jvmOptions", OperatorProcess.Jvm.get(OperatorProcess.APP).options());
        String other = env("BENCH_AB", "");
        if (!other.isEmpty()) {
            ab(sizes, Path.of(other).toAbsolutePath());
            return;
        }
        table.append("| N | floor | OpenModel | ratio | operator CPU/model | RSS idle | RSS after | live heap idle → after (per model) | requests/model (floor → operator) | steady writes (CPU per no-op reconcile) | steady reads | restart → first reconcile | restart → all reconciled | restart writes | RSS after restart |\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        // The benchmark's own client warms up on a floor that is not reported (BENCH_WARMUP models, 100;
        // 0 skips it). Without it the first measured floor carried the client's JIT warm-up on the same
        // two cores (18-29 ms of client CPU per model against 8.9 ms warm) and flattered the first ratio.
        if (WARMUP > 0 && !sizes.isEmpty()) {
            System.out.printf("%n== warm-up floor of %d (not reported) ==%n", WARMUP);
            String warmNs = freshNamespace("bench-warmup");
            floorRollout(warmNs, WARMUP);
            deleteNamespace(warmNs);
        }
        largestSize = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Object> rollouts = new ArrayList<>();
        for (int n : sizes) {
            rollouts.add(rollout(n));
        }
        results.put("rollouts", rollouts);
        if (!startUp.isEmpty()) {
            table.append("\nRestart with N models present, seconds from launch (operator log): first log line, operator starting, "
                    + "every informer synced, leadership, event processing, first reconcile finished; and the "
                    + "operator's CPU-seconds by then.\n\n| N | first log | operator starting | informers synced | leader "
                    + "| event processing | first reconcile | CPU-s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n").append(startUp);
        }
        if (!byProcess.isEmpty()) {
            table.append("\nCPU milliseconds per model by process during the rollout, floor → OpenModel (the cluster's "
                    + "components, the operator, this benchmark's client and informers):\n\n").append(byProcessHeader).append(byProcess);
        }
        table.append(apiServerParts);
        if (!rounds.isEmpty()) {
            table.append("\nRatio of each floor/OpenModel round (BENCH_ROUNDS), their median, and the size of etcd's database file before each round:\n\n| N | each round | median | etcd MiB |\n|---:|---|---:|---|\n")
                    .append(rounds);
        }
        int probe = Integer.parseInt(env("BENCH_API_COST", "200"));
        if (probe > 0) {
            results.put("apiCost", apiCost(probe));
        }
        if (recoveryN > 0) {
            results.put("recovery", recovery(recoveryN));
        }
        // The bench nodes stay (make cluster-down removes them): kwok keeps the node Leases of deleted
        // nodes cached, and nodes created again under the same names never heartbeat, go NotReady and
        // take their pods' readiness with them.
        writeResults("rollout", table);
    }

    /** results as target/bench/{name}.json, the table as {name}.md, both printed. */
    void writeResults(String name, CharSequence md) throws IOException {
        Files.createDirectories(OUT);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(OUT.resolve(name + ".json").toFile(), results);
        Files.writeString(OUT.resolve(name + ".md"), md);
        System.out.println();
        System.out.println(md);
        System.out.println("results: " + OUT.resolve(name + ".json") + ", " + OUT.resolve(name + ".md"));
    }

    /** A rollout by a fresh operator process warmed up first: its wall time and the operator's CPU per model. */
    record WarmRollout(double seconds, double cpuMsPerModel) {
    }

    WarmRollout warmRollout(Path app, int n, String namespacePrefix) throws Exception {
        String ns = freshNamespace(namespacePrefix + n);
        WarmRollout measured;
        try (OperatorProcess op = OperatorProcess.start(app)) {
            op.awaitReady();
            warmUp(op);
            long cpu0 = op.cpuMillis();
            double seconds = modelRollout(ns, n, null).seconds();
            measured = new WarmRollout(seconds, round((double) (op.cpuMillis() - cpu0) / n, 1));
        }
        deleteNamespace(ns);
        return measured;
    }

    /** The median of a figure taken at each restart, and its range when there were several. */
    static String range(Map<String, Object> restart, String figure) {
        @SuppressWarnings("unchecked")
        List<Double> each = (List<Double>) restart.get(figure + "Each");
        String f = figure.endsWith("MiB") ? "%.0f" : "%.2f";
        String median = String.format(f, restart.get(figure));
        return each.size() < 2 ? median : median + " (" + String.format(f, each.get(0)) + "–" + String.format(f, each.get(each.size() - 1)) + ")";
    }

    /**
     * BENCH_AB: the same rollout by build A (here) and build B (the directory), alternated, each
     * operator warmed up first as in the main rollout; the wall time and the operator's CPU per model
     * of each, and their medians.
     */
    void ab(List<Integer> sizes, Path b) throws Exception {
        Path a = OperatorProcess.APP;
        int roundCount = Integer.parseInt(env("BENCH_ROUNDS", "1"));
        StringBuilder md = new StringBuilder("A: " + a + "\nB: " + b + "\n\n| N | build | rollout s each round | median | operator CPU ms/model each round | median |\n|---:|---|---|---:|---|---:|\n");
        List<Object> rows = new ArrayList<>();
        for (int n : sizes) {
            Map<String, List<Double>> seconds = Map.of("A", new ArrayList<>(), "B", new ArrayList<>());
            Map<String, List<Double>> cpu = Map.of("A", new ArrayList<>(), "B", new ArrayList<>());
            for (int round = 0; round < roundCount; round++) {
                for (String build : round % 2 == 0 ? List.of("A", "B") : List.of("B", "A")) {
                    System.out.printf("%n== A/B round %d, build %s, %d models ==%n", round + 1, build, n);
                    WarmRollout measured = warmRollout(build.equals("A") ? a : b, n, "bench-ab-");
                    seconds.get(build).add(measured.seconds());
                    cpu.get(build).add(measured.cpuMsPerModel());
                    System.out.printf("  %s: %.1f s, %.1f ms per model%n", build, measured.seconds(), measured.cpuMsPerModel());
                }
            }
            for (String build : List.of("A", "B")) {
                rows.add(Map.of("n", n, "build", build, "secondsEachRound", seconds.get(build), "secondsMedian", median(seconds.get(build)),
                        "operatorCpuMsPerModelEachRound", cpu.get(build), "operatorCpuMsPerModelMedian", median(cpu.get(build))));
                md.append(String.format("| %d | %s | %s | %.1f | %s | %.1f |%n", n, build, seconds.get(build), median(seconds.get(build)),
                        cpu.get(build), median(cpu.get(build))));
            }
        }
        results.put("ab", rows);
        writeResults("ab", md);
    }

    static final String STEADY_LABEL = "bench.openmodel.dev/steady-state";
    /** What only the operator writes in a benchmark namespace; its Events are counted by reporting controller instead. */
    static final Set<String> OPERATOR_RESOURCES = Set.of("openmodels", "openmodels/status", "deployments", "services",
            "resourceclaimtemplates");

    /** Sets (or, with null, removes) a label on a node that no model's serving depends on. */
    void labelNode(String node, String value) {
        String label = value == null ? "null" : '"' + value + '"';
        mergePatch(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build(),
                "{\"metadata\":{\"labels\":{\"" + STEADY_LABEL + "\":" + label + "}}}");
    }

    /**
     * One PATCH request and no other: fabric8 (7.4) GETs the object before a patch given as a string
     * unless the operation holds an object to take the name and namespace from (measured: one GET of
     * the node per label patch, which the steady round counted as a read, and one per request in the
     * API-cost rows of merge patches).
     */
    void mergePatch(HasMetadata target, String patch) {
        client.resource(target).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    /**
     * The API server's CPU per model split by the parts of its profiles (BENCH_APISERVER_PROFILE),
     * floor and OpenModel side by side; each profile's shares times that rollout's API-server CPU per model.
     */
    Map<String, Object> apiServerParts(int n, ApiServerProfile floor, Map<String, Object> floorCpu, ApiServerProfile openModel,
            Map<String, Object> opCpu) throws Exception {
        Map<String, Double> floorShares = floor.shares();
        Map<String, Double> opShares = openModel.shares();
        double floorMs = ((Number) floorCpu.getOrDefault("kube-apiserver", 0.0)).doubleValue();
        double opMs = ((Number) opCpu.getOrDefault("kube-apiserver", 0.0)).doubleValue();
        Map<String, Object> parts = new LinkedHashMap<>();
        if (apiServerParts.isEmpty()) {
            apiServerParts.append("\nThe API server's CPU milliseconds per model by part of its work, floor → OpenModel (its CPU profile, "
                    + "the whole of each rollout in slices of BENCH_APISERVER_PROFILE s; each sample in the first part its stack holds):"
                    + "\n\n| N | " + String.join(" | ", floorShares.keySet()) + " |\n|---:|"
                    + "---:|".repeat(floorShares.size()) + "\n");
        }
        apiServerParts.append("| ").append(n);
        for (String part : floorShares.keySet()) {
            double f = round(floorShares.get(part) * floorMs, 1);
            double o = round(opShares.getOrDefault(part, 0.0) * opMs, 1);
            parts.put(part, Map.of("floor", f, "openmodel", o));
            apiServerParts.append(" | ").append(f).append(" → ").append(o);
        }
        apiServerParts.append(" |\n");
        return parts;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    Map<String, Object> rollout(int n) throws Exception {
        System.out.printf("%n== rollout of %d models ==%n", n);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n", n);
        // BENCH_ROUNDS > 1: that many floor/OpenModel pairs in this run, the ratio reported as their
        // median (one pair swings by a few hundredths with the machine); the last pair is the one the
        // other figures come from.
        List<Double> ratios = new ArrayList<>();
        // etcd's database file grows over a long run (deleted objects' pages are kept for reuse, not returned);
        // its size before each pair says how far a later pair ran on a heavier store than the first.
        List<Long> etcdMiB = new ArrayList<>();
        for (int round = Integer.parseInt(env("BENCH_ROUNDS", "1")); round > 1; round--) {
            etcdMiB.add(etcdDatabaseMiB());
            String floorNs = freshNamespace("bench-floor-" + n);
            double floor = floorRollout(floorNs, n);
            deleteNamespace(floorNs);
            ratios.add(round(warmRollout(OperatorProcess.APP, n, "bench-om-").seconds() / floor, 2));
            System.out.printf("  round ratio %.2f×%n", ratios.get(ratios.size() - 1));
        }
        // The floor: the operator's rendered objects, applied directly.
        etcdMiB.add(etcdDatabaseMiB());
        r.put("etcdDatabaseMiBEachRound", etcdMiB);
        String floorNs = freshNamespace("bench-floor-" + n);
        ApiRequests before = apiRequests();
        ProcessCpu floorCpu0 = ProcessCpu.snapshot(null);
        ApiServerProfile floorProfile = n == largestSize ? ApiServerProfile.start(client, "floor-" + n) : null;
        double floor = floorRollout(floorNs, n);
        Map<String, Object> floorCpu = ProcessCpu.snapshot(null).perModel(floorCpu0, n);
        if (floorProfile != null) {
            floorProfile.stop(); // before the namespace's deletion
        }
        ApiRequests floorRequests = apiRequests().minus(before);
        deleteNamespace(floorNs);
        r.put("floorSeconds", floor);
        r.put("floorRequestsPerModel", floorRequests.perModel(n));

        String ns = freshNamespace("bench-om-" + n);
        Map<String, Object> restart;
        double seconds;
        long cpuMs;
        long rssIdle;
        long rssAfter;
        long liveIdle;
        long liveAfter;
        ApiRequests opRequests;
        ApiRequests steadyWrites;
        ApiRequests steadyReads;
        try (OperatorProcess op = OperatorProcess.start()) {
            op.awaitReady();
            rssIdle = op.rssKiB();
            liveIdle = op.liveHeapKiB(); // before the warm-up: the collection disturbs nothing measured
            warmUp(op);
            long cpu0 = op.cpuMillis();
            long reconciles0 = op.reconciles();
            ApiRequests b = apiRequests();
            ProcessCpu opCpu0 = ProcessCpu.snapshot(op);
            ApiServerProfile opProfile = floorProfile == null ? null : ApiServerProfile.start(client, "openmodel-" + n);
            ModelRollout rollout = modelRollout(ns, n, null);
            seconds = rollout.seconds();
            r.put("statusLagSeconds", rollout.statusLagSeconds());
            cpuMs = op.cpuMillis() - cpu0;
            Map<String, Object> opCpu = ProcessCpu.snapshot(op).perModel(opCpu0, n);
            r.put("cpuMsPerModelByProcess", Map.of("floor", floorCpu, "openmodel", opCpu));
            if (opProfile != null) {
                opProfile.stop();
                r.put("apiServerMsPerModelByPart", apiServerParts(n, floorProfile, floorCpu, opProfile, opCpu));
            }
            byProcess.append(String.format("| %d | %s |%n", n, String.join(" | ",
                    opCpu.keySet().stream().map(k -> floorCpu.getOrDefault(k, 0.0) + " → " + opCpu.get(k)).toList())));
            if (byProcessHeader.isEmpty()) {
                byProcessHeader.append("| N | ").append(String.join(" | ", opCpu.keySet())).append(" |\n|---:|")
                        .append("---:|".repeat(opCpu.size())).append('\n');
            }
            r.put("reconcilesPerModel", round((double) (op.reconciles() - reconciles0) / n, 2));
            opRequests = apiRequests().minus(b);
            rssAfter = op.rssKiB();
            // Steady state: once the rollout's last reconciles have finished, every model is evaluated
            // again with nothing changed (a label on a node, which re-checks every model's fit) and the
            // writes of that whole round are counted.
            op.awaitIdle();
            String node = client.nodes().list().getItems().get(0).getMetadata().getName();
            long e0 = operatorEvents(ns);
            ApiRequests s0 = apiRequests();
            long steadyStart = System.nanoTime();
            long steadyCpu0 = op.cpuMillis();
            long evaluated = op.reconciles();
            labelNode(node, String.valueOf(steadyStart));
            op.awaitReconciled(evaluated + n);
            op.awaitIdle();
            ApiRequests steady = apiRequests().minus(s0);
            steadyWrites = steady.writesOn(OPERATOR_RESOURCES).plusEvents(operatorEvents(ns) - e0);
            // Reads of objects in that round (the benchmark's last, the Events' count, comes after; Leases left out):
            // the operator's own, unless a cluster component happens to relist.
            steadyReads = steady.objectReads();
            r.put("steadySeconds", round((System.nanoTime() - steadyStart) / 1e9, 1));
            long steadyReconciles = op.reconciles() - evaluated;
            r.put("steadyReconciles", steadyReconciles);
            // What a reconcile that finds nothing to do costs (the gate, the remembered comparisons, the status compared).
            r.put("steadyCpuMsPerReconcile", round((double) (op.cpuMillis() - steadyCpu0) / steadyReconciles, 2));
            labelNode(node, null);
            op.awaitIdle();
            liveAfter = op.liveHeapKiB(); // last in this process: the collection disturbs nothing measured
        }
        // Restart with N models present, BENCH_RESTARTS times (3): launch to first reconcile, to all
        // reconciled, and the writes each made. One start varies by a few tenths of a second with when
        // its collections fall, so the median start is reported, with the range.
        List<Map<String, Object>> restarts = new ArrayList<>();
        for (int i = Integer.parseInt(env("BENCH_RESTARTS", "3")); i > 0; i--) {
            restarts.add(restart(ns, n));
        }
        restarts.sort(java.util.Comparator.comparingDouble(m -> ((Number) m.get("firstReconcileSeconds")).doubleValue()));
        restart = new LinkedHashMap<>(restarts.get(restarts.size() / 2));
        restart.put("writes", restarts.stream().mapToLong(m -> ((Number) m.get("writes")).longValue()).sum());
        for (String figure : List.of("firstReconcileSeconds", "allReconciledSeconds", "rssMiB")) {
            List<Double> each = restarts.stream().map(m -> ((Number) m.get(figure)).doubleValue()).sorted().toList();
            restart.put(figure, median(each));
            restart.put(figure + "Each", each);
        }
        OpenModel sample = client.resources(OpenModel.class).inNamespace(ns).withName("model-0").get();
        if (sample != null && sample.getStatus() != null) {
            readyStatus = sample.getStatus();
        }
        deleteNamespace(ns);
        r.put("operatorSeconds", seconds);
        r.put("ratio", round(seconds / floor, 2));
        if (!ratios.isEmpty()) {
            ratios.add(round(seconds / floor, 2));
            r.put("ratioEachRound", ratios);
            r.put("ratioMedian", median(ratios));
            rounds.append(String.format("| %d | %s | %s× | %s |%n", n, String.join(", ", ratios.stream().map(x -> x + "×").toList()),
                    r.get("ratioMedian"), String.join(", ", etcdMiB.stream().map(String::valueOf).toList())));
        }
        r.put("operatorCpuMsPerModel", round((double) cpuMs / n, 1));
        r.put("rssIdleMiB", rssIdle / 1024);
        r.put("rssAfterMiB", rssAfter / 1024);
        // Sizing: the live heap idle and with N models served, and what each model adds to it.
        r.put("liveHeapIdleMiB", round(liveIdle / 1024.0, 1));
        r.put("liveHeapAfterMiB", round(liveAfter / 1024.0, 1));
        r.put("liveHeapKiBPerModel", round((double) (liveAfter - liveIdle) / n, 1));
        r.put("operatorRequestsPerModel", opRequests.perModel(n));
        r.put("steadyStateWrites", steadyWrites.counts());
        r.put("steadyStateReads", steadyReads.counts());
        r.put("restart", restart);
        table.append(String.format("| %d | %.1f s | %.1f s | %.2f× | %.0f ms | %d MiB | %d MiB | %.1f → %.1f MiB (%.1f KiB) | %.1f → %.1f | %d (%s ms) | %s | %s s | %s s | %s | %s MiB |%n", n, floor, seconds,
                seconds / floor, (double) cpuMs / n, rssIdle / 1024, rssAfter / 1024, liveIdle / 1024.0, liveAfter / 1024.0, (double) (liveAfter - liveIdle) / n, floorRequests.total() / (double) n,
                opRequests.total() / (double) n, steadyWrites.total(), r.get("steadyCpuMsPerReconcile"), steadyReads.describe(), range(restart, "firstReconcileSeconds"), range(restart, "allReconciledSeconds"),
                restart.get("writes"), range(restart, "rssMiB")));
        @SuppressWarnings("unchecked")
        Map<String, Object> phases = (Map<String, Object>) restart.get("phases");
        startUp.append("| ").append(n);
        OperatorProcess.PHASES.keySet().forEach(p -> startUp.append(" | ").append(phases.getOrDefault(p, "–")));
        startUp.append(String.format(" | %s | %s |%n", restart.get("firstReconcileSeconds"), restart.get("cpuSecondsToFirstReconcile")));
        System.out.println(r);
        return r;
    }

    /** One start of the operator with N models present; its writes are every write it made until idle. */
    Map<String, Object> restart(String ns, int n) throws Exception {
        ApiRequests r0 = apiRequests();
        long re0 = operatorEvents(ns);
        try (OperatorProcess op = OperatorProcess.start()) {
            Map<String, Object> restart = op.awaitReconciles(n, Duration.ofMinutes(3));
            op.awaitIdle(); // the writes a restart causes are made by reconciles still running or queued
            restart.put("rssMiB", op.rssKiB() / 1024);
            ApiRequests writes = apiRequests().minus(r0).writesOn(OPERATOR_RESOURCES).plusEvents(operatorEvents(ns) - re0);
            restart.put("writes", writes.total());
            restart.put("writesByKind", writes.counts());
            return restart;
        }
    }

    /**
     * What single requests cost the API server (and etcd), in CPU milliseconds, with no operator and
     * no rollout running: BENCH_API_COST requests of each kind, one after another, in five rounds
     * (the median and the range; a round varies with when the API server's garbage collections
     * fall). OpenModels against a ConfigMap of about the same size, for scale: the floor writes no
     * custom resource, and the OpenModel rollout's extra API-server CPU is mostly these requests.
     */
    Map<String, Object> apiCost(int count) throws Exception {
        System.out.printf("%n== API cost of single requests, %d of each ==%n", count);
        String ns = freshNamespace("bench-apicost");
        Map<String, List<Double>> api = new LinkedHashMap<>();
        Map<String, List<Double>> etcd = new LinkedHashMap<>();
        String data = "x".repeat(3000);
        for (int round = 0; round < 5; round++) {
            String p = "r" + round + "-";
            Map<String, java.util.function.IntConsumer> kinds = new LinkedHashMap<>();
            kinds.put("ConfigMap create", i -> client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(p + i).endMetadata().addToData("a", data).build()).create());
            kinds.put("ConfigMap update (merge patch)", i -> mergePatch(new ConfigMapBuilder()
                    .withNewMetadata().withName(p + i).withNamespace(ns).endMetadata().build(), "{\"data\":{\"b\":\"" + i + "\"}}"));
            kinds.put("OpenModel create", i -> client.resource(probeModel(ns, p + i)).create());
            if (readyStatus != null) {
                kinds.put("OpenModel status apply (first, a Ready model's)", i -> applyStatus(ns, p + i, "first"));
                kinds.put("OpenModel status apply (a condition's message changed)", i -> applyStatus(ns, p + i, "second"));
            }
            kinds.put("OpenModel update (merge patch of a label)", i -> mergePatch(probeModel(ns, p + i),
                    "{\"metadata\":{\"labels\":{\"probe\":\"" + i + "\"}}}"));
            kinds.put("Event create (the operator's Ready)", i -> ModelEvents.normal(client, probeModel(ns, p + i), "Ready", "Serving at http://" + p + i + "." + ns + ".svc:8000."));
            kinds.put("OpenModel delete", i -> client.resources(OpenModel.class).inNamespace(ns).withName(p + i).withGracePeriod(0).delete());
            for (Map.Entry<String, java.util.function.IntConsumer> kind : kinds.entrySet()) {
                // Each batch is charged the work it caused and no other: the API server is quiet before it
                // starts, and the batch ends once the API server is quiet again (its garbage collections of
                // what the batch allocated run concurrently, after the requests have been answered); the
                // idle rate measured while waiting (node heartbeats, the controllers' resyncs) is taken off.
                double idle = awaitQuiet();
                ProcessCpu before = ProcessCpu.snapshot(null);
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    kind.getValue().accept(i);
                }
                awaitQuiet();
                ProcessCpu after = ProcessCpu.snapshot(null);
                double idleMs = idle * (System.nanoTime() - t0) / 1e6;
                api.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(round(Math.max(0, after.delta(before, "kube-apiserver") - idleMs) / count, 2));
                etcd.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(round(after.delta(before, "etcd") / (double) count, 2));
            }
        }
        // ModelEvents records best effort (a refused Event is only logged): all of them were, or the figure is not theirs.
        int events = client.events().v1().events().inNamespace(ns).list().getItems().size();
        if (events != 5 * count) {
            throw new IllegalStateException(events + " Events recorded by the probe, not " + 5 * count);
        }
        deleteNamespace(ns);
        Map<String, Object> out = new LinkedHashMap<>();
        table.append("\nWhat single requests cost, CPU ms per request (median of 5 rounds of ").append(count)
                .append(", their range), no operator running:\n\n| request | kube-apiserver | etcd |\n|---|---:|---:|\n");
        for (String kind : api.keySet()) {
            List<Double> a = api.get(kind);
            List<Double> e = etcd.get(kind);
            out.put(kind, Map.of("apiServerMs", median(a), "apiServerMsEach", a, "etcdMs", median(e)));
            table.append(String.format("| %s | %s (%s–%s) | %s |%n", kind, median(a), java.util.Collections.min(a), java.util.Collections.max(a), median(e)));
        }
        System.out.println(out);
        return out;
    }

    /**
     * Until the API server has spent under 5% of a core over the last half second (a minute at most:
     * an API server never quiet makes the probe meaningless); returns its CPU share then, in
     * CPU-milliseconds per millisecond, the idle rate to take off a measurement.
     */
    static double awaitQuiet() throws IOException {
        long pid = ApiServer.launch(ApiServer.clusterBin(), "kube-apiserver").pid();
        long[] last = {ProcessCpu.cpuMillis(pid), System.nanoTime()};
        double[] rate = {Double.NaN};
        await("the API server quiet", Duration.ofMinutes(1), Duration.ofMillis(500), () -> {
            long now = System.nanoTime();
            if (now - last[1] < 400_000_000L) {
                return false; // the first poll comes at once: no interval to measure yet
            }
            long cpu = ProcessCpu.cpuMillis(pid);
            rate[0] = (cpu - last[0]) / ((now - last[1]) / 1e6);
            last[0] = cpu;
            last[1] = now;
            return rate[0] <= 0.05;
        });
        return rate[0];
    }

    /** The benchmark's model under another name: what the probe creates and refers to. */
    static OpenModel probeModel(String ns, String name) {
        OpenModel m = model(ns, 0);
        m.getMetadata().setName(name);
        return m;
    }

    /** A server-side apply of the sampled Ready status to one OpenModel, as the operator writes status. */
    void applyStatus(String ns, String name, String note) {
        dev.openmodel.api.v1alpha1.OpenModelStatus status = client.getKubernetesSerialization().clone(readyStatus);
        status.conditions.get(status.conditions.size() - 1).setMessage("probe " + note);
        client.resource(OpenModelReconciler.statusPatch(probeModel(ns, name), status)).subresource("status").patch(new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
                .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.SERVER_SIDE_APPLY).withFieldManager("openmodel-operator").withForce(true).build());
    }

    Map<String, Object> recovery(int n) throws Exception {
        System.out.printf("%n== recovery, %d models ==%n", n);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n", n);
        String fresh = freshNamespace("bench-fresh-" + n);
        double freshSeconds;
        try (OperatorProcess op = OperatorProcess.start()) {
            op.awaitReady();
            freshSeconds = modelRollout(fresh, n, null).seconds();
        }
        deleteNamespace(fresh);
        r.put("freshRolloutSeconds", freshSeconds);

        // kill -9 once a third of the models are Ready, start again at once.
        String killed = freshNamespace("bench-kill-" + n);
        OperatorProcess[] current = {OperatorProcess.start()};
        current[0].awaitReady();
        double[] restartedAt = new double[1];
        long t0 = System.nanoTime();
        modelRollout(killed, n, ready -> {
            if (ready >= n / 3 && restartedAt[0] == 0) {
                current[0].kill();
                restartedAt[0] = (System.nanoTime() - t0) / 1e9;
                try {
                    current[0] = OperatorProcess.start();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        double killRecovery = (System.nanoTime() - t0) / 1e9 - restartedAt[0];
        Map<String, Object> kill = new LinkedHashMap<>();
        kill.put("restartedAtSeconds", round(restartedAt[0], 1));
        kill.put("restartToAllReadySeconds", round(killRecovery, 1));
        kill.put("ratioToFresh", round(killRecovery / freshSeconds, 2));
        kill.putAll(integrity(killed, n));
        r.put("killMinus9", kill);
        current[0].close();
        deleteNamespace(killed);

        // The API server crashes once a third are Ready, and stays down until the operator has lost its watches.
        String outageNs = freshNamespace("bench-outage-" + n);
        Map<String, Object> outage = new LinkedHashMap<>();
        try (OperatorProcess op = OperatorProcess.start()) {
            op.awaitReady();
            ApiServer.Outage[] happened = {null};
            modelRollout(outageNs, n, ready -> {
                if (ready >= n / 3 && happened[0] == null) {
                    happened[0] = ApiServer.restart(client, () -> op.get("/q/health/ready") == null);
                }
            });
            double recovered = (System.nanoTime() - happened[0].backAt()) / 1e9;
            outage.put("outageSeconds", round(happened[0].downSeconds(), 1));
            outage.put("backToAllReadySeconds", round(recovered, 1));
            outage.put("ratioToFresh", round(recovered / freshSeconds, 2));
            outage.putAll(integrity(outageNs, n));
        }
        r.put("apiServerRestart", outage);
        deleteNamespace(outageNs);
        table.append(String.format("%nRecovery (%d models): fresh rollout %.1f s; kill -9 → all Ready %.1f s after restart (%.2f× fresh); "
                + "API server down %.1f s → all Ready %.1f s after it was back (%.2f× fresh). Duplicates/orphans/ReconcileError: kill %s, outage %s.%n",
                n, freshSeconds, killRecovery, killRecovery / freshSeconds, outage.get("outageSeconds"), outage.get("backToAllReadySeconds"),
                outage.get("ratioToFresh"), kill.get("problems"), outage.get("problems")));
        System.out.println(r);
        return r;
    }

    /** Exactly one Deployment and one Service per model, owned by it; no model left in ReconcileError. */
    Map<String, Object> integrity(String ns, int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Deployment> deployments = client.apps().deployments().inNamespace(ns).list().getItems();
        List<Service> services = client.services().inNamespace(ns).list().getItems();
        List<OpenModel> models = client.resources(OpenModel.class).inNamespace(ns).list().getItems();
        Set<String> uids = new java.util.HashSet<>();
        models.forEach(m -> uids.add(m.getMetadata().getUid()));
        Predicate<HasMetadata> owned = o -> o.getMetadata().getOwnerReferences() != null
                && o.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uids.contains(ref.getUid()));
        long errors = models.stream().filter(m -> "ReconcileError".equals(readyReason(m))).count();
        out.put("deployments", deployments.size());
        out.put("services", services.size());
        out.put("orphans", deployments.stream().filter(owned.negate()).count() + services.stream().filter(owned.negate()).count());
        out.put("reconcileErrors", errors);
        List<String> problems = new ArrayList<>();
        if (deployments.size() != n || services.size() != n) {
            problems.add(deployments.size() + " Deployments and " + services.size() + " Services for " + n + " models");
        }
        if ((long) out.get("orphans") > 0) {
            problems.add(out.get("orphans") + " orphans");
        }
        if (errors > 0) {
            problems.add(errors + " ReconcileError");
        }
        out.put("problems", problems.isEmpty() ? "none" : String.join(", ", problems));
        return out;
    }

    /**
     * The operator's warm-up, as the client's: BENCH_WARMUP models (100; 0 skips it) rolled out to
     * Ready and deleted, and the operator idle again, before the measured rollout. A running operator
     * meets a new rollout warm; one started a moment before it spends its first hundred models on
     * compiling and first use (39 ms of CPU per model at N=100 against 22 at N=1000). A start with
     * models present is measured by the restarts, and the recovery rounds start the operator afresh.
     */
    void warmUp(OperatorProcess op) throws Exception {
        if (WARMUP <= 0) {
            return;
        }
        String ns = freshNamespace("bench-om-warmup");
        modelRollout(ns, WARMUP, null);
        // The models first, as a user removes them, and the operator idle after their deletions, so that
        // none of its work on them falls into the measured rollout.
        client.resources(OpenModel.class).inNamespace(ns).delete();
        await("the warm-up models gone", Duration.ofMinutes(2), Duration.ofMillis(100),
                () -> client.resources(OpenModel.class).inNamespace(ns).list().getItems().isEmpty());
        op.awaitIdle();
        deleteNamespace(ns);
    }

    /** Events the operator recorded in a namespace (the API server's own repair loops record some too). */
    long operatorEvents(String ns) {
        return client.events().v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "openmodel.dev/operator".equals(e.getReportingController())).count();
    }

    static String readyReason(OpenModel m) {
        return m.getStatus() == null ? null : Conditions.find(m.getStatus().conditions, Conditions.READY).map(c -> c.getReason()).orElse(null);
    }

    static OpenModel model(String ns, int i) {
        OpenModel m = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).convertValue(Map.of(
                "apiVersion", "openmodel.dev/v1alpha1", "kind", "OpenModel",
                "metadata", Map.of("name", "model-" + i, "namespace", ns),
                "spec", Map.of(
                        "model", Map.of("uri", "pvc://models/model-" + i, "format", "safetensors"),
                        "license", Map.of("id", "apache-2.0"),
                        "serving", Map.of("engine", "vllm", "replicas", 1),
                        "resources", Map.of("accelerator", Map.of("count", 1, "product", "NVIDIA-H100-80GB-HBM3")))), OpenModel.class);
        return m;
    }

    /** The floor: the operator's own rendering of each model's Deployment and Service, applied by this client. */
    double floorRollout(String ns, int n) throws Exception {
        Set<String> ready = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<Deployment> informer = client.apps().deployments().inNamespace(ns).inform(handler(RolloutBenchmark::deploymentReady, ready));
        return timed(informer, ready, n, "Deployments ready in " + ns, null, i -> {
            OpenModel m = model(ns, i);
            Deployment d = InferenceServer.deployment(m, 1);
            Service s = InferenceServer.service(m);
            d.getMetadata().setOwnerReferences(null); // no OpenModel to own them: garbage collection would delete them
            s.getMetadata().setOwnerReferences(null);
            client.resource(d).fieldManager("openmodel-bench").forceConflicts().serverSideApply();
            client.resource(s).fieldManager("openmodel-bench").forceConflicts().serverSideApply();
        });
    }

    /** A rollout of OpenModels: seconds until all were Ready, and seconds from every Deployment ready to every OpenModel Ready. */
    record ModelRollout(double seconds, double statusLagSeconds) {
    }

    /** Creates n OpenModels (IN_FLIGHT at a time) and waits until all are Ready; onProgress sees the Ready count. */
    ModelRollout modelRollout(String ns, int n, java.util.function.IntConsumer onProgress) throws Exception {
        Set<String> ready = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<OpenModel> informer = client.resources(OpenModel.class).inNamespace(ns)
                .inform(handler(m -> m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, Conditions.READY), ready));
        // Deployments ready, in the progress lines: how far the model status lags behind the cluster
        Set<String> deploymentsReady = ConcurrentHashMap.newKeySet();
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong allDeploymentsReady = new java.util.concurrent.atomic.AtomicLong();
        try (SharedIndexInformer<Deployment> deployments = client.apps().deployments().inNamespace(ns).inform(handler(d -> {
            boolean done = deploymentReady(d);
            if (done && deploymentsReady.size() == n - 1 && !deploymentsReady.contains(d.getMetadata().getName())) {
                allDeploymentsReady.compareAndSet(0, System.nanoTime());
            }
            return done;
        }, deploymentsReady))) {
            double seconds = timed(informer, ready, n, "OpenModels Ready in " + ns, onProgress, i -> client.resource(model(ns, i)).create(),
                    () -> " (Deployments ready: " + deploymentsReady.size() + ")");
            // How long the last status lagged behind the cluster: the operator's share of the tail.
            double lag = allDeploymentsReady.get() == 0 ? Double.NaN : round(seconds - (allDeploymentsReady.get() - t0) / 1e9, 1);
            System.out.printf("  every Deployment ready %.1f s before the last OpenModel was%n", lag);
            return new ModelRollout(seconds, lag);
        }
    }

    static boolean deploymentReady(Deployment d) {
        Integer want = d.getSpec().getReplicas();
        Integer have = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return have != null && want != null && have >= want;
    }

    /** Runs create for 0..n-1 (IN_FLIGHT at a time) and returns the seconds until {@code ready} holds n names; closes the informer. */
    double timed(SharedIndexInformer<?> informer, Set<String> ready, int n, String what, java.util.function.IntConsumer onProgress,
            java.util.function.IntConsumer create) throws Exception {
        return timed(informer, ready, n, what, onProgress, create, () -> "");
    }

    double timed(SharedIndexInformer<?> informer, Set<String> ready, int n, String what, java.util.function.IntConsumer onProgress,
            java.util.function.IntConsumer create, java.util.function.Supplier<String> detail) throws Exception {
        try {
            long t0 = System.nanoTime();
            parallel(n, create);
            System.out.printf("  %d created after %.1f s%s%n", n, (System.nanoTime() - t0) / 1e9, detail.get());
            awaitCount(ready, n, what, onProgress, detail);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d %s: %.1f s%n", n, what, seconds);
            return round(seconds, 1);
        } finally {
            informer.close();
        }
    }

    static <T extends HasMetadata> ResourceEventHandler<T> handler(Predicate<T> done, Set<String> ready) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onUpdate(null, obj);
            }

            @Override
            public void onUpdate(T oldObj, T obj) {
                if (done.test(obj)) {
                    ready.add(obj.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }

    static void awaitCount(Set<String> ready, int n, String what, java.util.function.IntConsumer onProgress, java.util.function.Supplier<String> detail) {
        long[] lastReport = {System.nanoTime()};
        await(what, ROLLOUT_LIMIT, Duration.ofMillis(20), () -> {
            int now = ready.size();
            if (onProgress != null) {
                onProgress.accept(now);
            }
            if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                lastReport[0] = System.nanoTime();
                System.out.printf("  %d/%d %s%s%n", now, n, what, detail.get());
            }
            return now >= n;
        });
    }

    /** Awaits a condition (Awaitility), polling at {@code every}; fails naming what was awaited. */
    static void await(String what, Duration limit, Duration every, java.util.concurrent.Callable<Boolean> done) {
        org.awaitility.Awaitility.await(what).atMost(limit).pollInterval(every).pollDelay(Duration.ZERO).until(done);
    }

    void parallel(int n, java.util.function.IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> retrying(() -> task.accept(index))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A create may meet the API server mid-restart: try again, as kubectl apply in a loop would. */
    static void retrying(Runnable r) {
        untilAnswered(60, () -> {
            try {
                r.run();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: created by an attempt whose answer was lost
                    throw e;
                }
            }
            return null;
        });
    }

    /** The API server's request counts, asked until it answers (it may be restarting). */
    ApiRequests apiRequests() {
        return untilAnswered(120, () -> ApiRequests.scrape(client));
    }

    /** Calls until it answers, every 500 ms, at most {@code attempts} times: the API server may be restarting. */
    static <T> T untilAnswered(int attempts, java.util.function.Supplier<T> call) {
        java.util.concurrent.atomic.AtomicReference<T> answer = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await("an answer from the API server").atMost(Duration.ofMillis(500L * attempts))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    answer.set(call.get());
                    return true;
                });
        return answer.get();
    }

    String freshNamespace(String name) throws InterruptedException {
        deleteNamespace(name);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        // The models are pvc://models/...: a claim bound to a volume, so that their pods schedule.
        client.resource(new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withCapacity(Map.of("storage", new Quantity("1Ti"))).withAccessModes("ReadOnlyMany").withStorageClassName("")
                .withNewHostPath().withPath("/models").endHostPath()
                .withNewClaimRef().withNamespace(name).withName("models").endClaimRef().endSpec().build()).serverSideApply();
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("models").withNamespace(name).endMetadata()
                .withNewSpec().withAccessModes("ReadOnlyMany").withStorageClassName("").withVolumeName(name)
                .withNewResources().withRequests(Map.of("storage", new Quantity("1Ti"))).endResources().endSpec().build()).serverSideApply();
        // Bound before the first model: the controller manager binds it on its next pass, and until
        // then the scheduler refuses the pods ("unbound immediate PersistentVolumeClaims"), which the
        // OpenModel run would report (status writes, Events) and the floor only wait out.
        await("claim models in " + name + " bound", Duration.ofMinutes(1), Duration.ofMillis(50), () -> {
            var claim = client.persistentVolumeClaims().inNamespace(name).withName("models").get();
            return claim != null && claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
        });
        return name;
    }

    /** The size of the local cluster's etcd database file (bbolt's {@code member/snap/db}), MiB; -1 when not found. */
    static long etcdDatabaseMiB() {
        Path cluster = ApiServer.clusterBin().getParent();
        try (var files = Files.walk(cluster)) {
            return files.filter(f -> f.endsWith(Path.of("member", "snap", "db"))).findFirst()
                    .map(f -> f.toFile().length() / (1024 * 1024)).orElse(-1L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    void deleteNamespace(String name) throws InterruptedException {
        client.persistentVolumes().withName(name).delete();
        if (client.namespaces().withName(name).get() == null) {
            return;
        }
        client.namespaces().withName(name).delete();
        await("namespace " + name + " gone", Duration.ofMinutes(10), Duration.ofMillis(250), () -> client.namespaces().withName(name).get() == null);
    }

    /** Enough 8-GPU nodes for n single-GPU models, added by hack/cluster.sh. */
    void ensureNodes(int n) throws IOException, InterruptedException {
        int nodes = (n + 7) / 8 + 2;
        Process p = new ProcessBuilder("hack/cluster.sh", "nodes", String.valueOf(nodes)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("hack/cluster.sh nodes " + nodes + " failed");
        }
    }

    static Map<String, Object> machine() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
        m.put("cpu", cpu);
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        m.put("memory", mem);
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /** The middle value (the upper of the two middle ones for an even count). */
    static <T extends Comparable<T>> T median(List<T> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    /**
     * CPU time of every process taking part, by name: the local cluster's components (etcd, the
     * API server, controller manager, scheduler, kwok), the operator and this benchmark (its
     * client and informers). On a machine of two cores they share, this says where a rollout's
     * time went: the operator's own CPU, or what its requests cost the control plane.
     */
    record ProcessCpu(Map<String, Long> millis) {
        static ProcessCpu snapshot(OperatorProcess operator) {
            Map<String, Long> out = new TreeMap<>();
            Path bin = ApiServer.clusterBin();
            ProcessHandle.allProcesses().forEach(h -> {
                String argv0 = ApiServer.argv0(h.pid());
                if (argv0.startsWith(bin + "/")) {
                    out.merge(argv0.substring(bin.toString().length() + 1), cpuMillisOrZero(h.pid()), Long::sum);
                }
            });
            out.put("benchmark", cpuMillisOrZero(ProcessHandle.current().pid()));
            if (operator != null) {
                out.put("operator", cpuMillisOrZero(operator.process.pid()));
            }
            return new ProcessCpu(out);
        }

        /** utime + stime of a process, from /proc. */
        static long cpuMillis(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime (fields 14, 15); USER_HZ is 100 on Linux
        }

        static long cpuMillisOrZero(long pid) {
            try {
                return cpuMillis(pid);
            } catch (IOException | RuntimeException e) {
                return 0; // gone in between
            }
        }

        /** Milliseconds one process (by binary name) spent since {@code before} (a process restarted in between counts from zero). */
        long delta(ProcessCpu before, String process) {
            long now = millis.getOrDefault(process, 0L);
            long d = now - before.millis.getOrDefault(process, 0L);
            return d < 0 ? now : d;
        }

        /** Per model, milliseconds, by process (a process restarted in between counts from zero). */
        Map<String, Object> perModel(ProcessCpu before, int n) {
            Map<String, Object> out = new LinkedHashMap<>();
            long total = 0;
            for (Map.Entry<String, Long> e : millis.entrySet()) {
                long d = delta(before, e.getKey());
                total += d;
                out.put(e.getKey(), round((double) d / n, 1));
            }
            out.put("total", round((double) total / n, 1));
            return out;
        }
    }

    /**
     * The identity the operator has in a cluster: the ServiceAccount and RBAC of deploy/rbac.yaml, a
     * token for it, the API server's address and CA, as the kubelet hands them to its pod (the
     * KUBERNETES_SERVICE_* variables and the token file; POD_NAMESPACE from the downward API, for the
     * Lease). Not the cluster admin's kubeconfig: that authenticates with a client certificate, and
     * the client then re-reads and parses the kubeconfig's YAML on every request after its first
     * minute (fabric8's TokenRefreshInterceptor, 7.4.0, refreshes only once a token comes back), 4% of
     * the rollout's CPU that the operator never spends in a cluster; and the shipped RBAC is exercised
     * at scale.
     */
    record InCluster(String host, int port, Path token, String caFile) {
        static final String NAMESPACE = "openmodel-system";
        static final String SERVICE_ACCOUNT = "openmodel-operator";
        private static InCluster made;

        static synchronized InCluster get() throws IOException {
            if (made == null) {
                KubernetesClient admin = LocalCluster.client();
                for (String manifest : new String[] {"deploy/namespace.yaml", "deploy/rbac.yaml"}) {
                    admin.resourceList(Files.readString(Path.of(manifest))).fieldManager("openmodel-bench").forceConflicts().serverSideApply();
                }
                var request = new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder()
                        .withNewSpec().withExpirationSeconds(24 * 3600L).endSpec().build();
                String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT).tokenRequest(request)
                        .getStatus().getToken();
                Files.createDirectories(OUT);
                Path file = OUT.resolve("operator-token").toAbsolutePath();
                Files.deleteIfExists(file);
                // A credential: readable by its owner only, as the kubelet mounts it.
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token);
                URI server = URI.create(admin.getConfiguration().getMasterUrl());
                made = new InCluster(server.getHost(), server.getPort(), file, admin.getConfiguration().getCaCertFile());
            }
            return made;
        }

        /** The environment and client settings of the operator's container; inserted before "-jar". */
        void configure(Map<String, String> environment, List<String> command) {
            environment.remove("KUBECONFIG");
            environment.put("KUBERNETES_SERVICE_HOST", host);
            environment.put("KUBERNETES_SERVICE_PORT", String.valueOf(port));
            environment.put("POD_NAMESPACE", NAMESPACE);
            int jar = command.indexOf("-jar");
            command.addAll(jar, List.of("-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.serviceAccount.token=" + token,
                    "-Dkubernetes.certs.ca.file=" + caFile));
        }
    }

    /** The packaged operator (target/quarkus-app), started as its Deployment starts it, watching every namespace. */
    static final class OperatorProcess implements AutoCloseable {
        final Process process;
        final int port;
        final long launchedAt = System.nanoTime();
        final long launchedAtMillis = System.currentTimeMillis();
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        final Path log;

        private OperatorProcess(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
        static final String AOT_CACHE = "-XX:AOTCache=";

        /**
         * How every operator process of the run is started, worked out once: the JVM (BENCH_JAVA, else a
         * JDK of the image's Java release here, else this JVM) and the shipped container's options
         * (ContainerJvmOptions) with the image's /deployments/ as the packaged application here. The
         * image's AOT cache goes with them, recorded as the image build records it (hack/aot-cache.sh),
         * unless BENCH_AOT=0 or the JVM predates AOT caches (24).
         */
        record Jvm(String java, List<String> options) {
            private static final Map<Path, Jvm> CHOSEN = new java.util.HashMap<>();

            /** For the packaged operator in {@code app} (its AOT cache beside it). */
            static synchronized Jvm get(Path app) throws IOException {
                Jvm chosen = CHOSEN.get(app);
                if (chosen == null) {
                    String java = choose();
                    List<String> options = new ArrayList<>(ContainerJvmOptions.shipped().stream().map(o -> o.replace("/deployments/", app + "/")).toList());
                    if (env("BENCH_AOT", "1").equals("0") || ContainerJvmOptions.major(Path.of(java).getParent().getParent()) < 24) {
                        options.removeIf(o -> o.startsWith(AOT_CACHE));
                    }
                    recordAotCache(java, options, app);
                    chosen = new Jvm(java, List.copyOf(options));
                    CHOSEN.put(app, chosen);
                }
                return chosen;
            }

            private static String choose() {
                String chosen = env("BENCH_JAVA", "");
                if (!chosen.isEmpty()) {
                    return chosen;
                }
                int major = ContainerJvmOptions.imageJavaMajor(ContainerJvmOptions.DOCKERFILE);
                return ContainerJvmOptions.javaOf(major).map(Path::toString).orElseGet(() -> {
                    System.out.printf("no JDK %d here (the image's); the operator runs on this JVM, %s%n", major, System.getProperty("java.version"));
                    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
                });
            }

            /** A cache older than the packaged application is recorded again. */
            private static void recordAotCache(String java, List<String> options, Path app) throws IOException {
                var cache = options.stream().filter(o -> o.startsWith(AOT_CACHE)).map(o -> Path.of(o.substring(AOT_CACHE.length()))).findFirst();
                Path jar = app.resolve("quarkus-run.jar");
                if (cache.isEmpty() || Files.exists(cache.get()) && Files.getLastModifiedTime(cache.get()).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                    return;
                }
                List<String> command = new ArrayList<>(List.of("hack/aot-cache.sh", java, jar.toString(), cache.get().toString()));
                options.stream().filter(o -> !o.startsWith(AOT_CACHE)).forEach(command::add);
                Process p = new ProcessBuilder(command).inheritIO().start();
                try {
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("hack/aot-cache.sh failed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted recording the AOT cache", e);
                }
            }
        }

        static OperatorProcess start() throws IOException {
            return start(APP);
        }

        /** The packaged operator in {@code app} (a target/quarkus-app). */
        static OperatorProcess start(Path app) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            Jvm jvm = Jvm.get(app);
            command.add(jvm.java());
            command.addAll(jvm.options());
            if (!env("BENCH_JFR", "").isEmpty()) { // BENCH_JFR=1: a Java Flight Recorder profile of every operator process
                command.add("-XX:FlightRecorderOptions=stackdepth=256");
                command.add("-XX:StartFlightRecording=settings=profile,filename=" + OUT.resolve("operator-" + System.currentTimeMillis() + ".jfr"));
            }
            command.add("-Dquarkus.http.port=" + port);
            // BENCH_OPERATOR_OPTS: more JVM options or settings to compare, e.g. -Dquarkus.operator-sdk.concurrent-reconciliation-threads=10
            command.addAll(List.of(env("BENCH_OPERATOR_OPTS", "").split("\\s+")).stream().filter(o -> !o.isBlank()).toList());
            command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
            Path log = OUT.resolve("operator-" + System.currentTimeMillis() + ".log");
            Files.createDirectories(OUT);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            InCluster.get().configure(builder.environment(), command);
            // One identity, as one pod: a process started after kill -9 is the container restarted in
            // place, which keeps its pod name and so its Lease.
            builder.environment().put("HOSTNAME", "openmodel-bench");
            return new OperatorProcess(builder.start(), port, log);
        }

        String get(String path) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void awaitReady() throws InterruptedException {
            await("the operator ready (" + log + ")", Duration.ofMinutes(2), Duration.ofMillis(100), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the operator exited; " + log + " ends:\n" + logTail());
                }
                return get("/q/health/ready") != null;
            });
        }

        /** Nothing reconciling and nothing queued (the SDK's gauges for the openmodel controller). */
        void awaitIdle() {
            await("the operator idle", Duration.ofMinutes(2), Duration.ofMillis(100), () -> {
                String metrics = get("/q/metrics");
                return metrics != null && gauge(metrics, "operator_sdk_reconciliations_executions_openmodel") == 0
                        && gauge(metrics, "operator_sdk_reconciliations_queue_size_openmodel") == 0;
            });
        }

        static double gauge(String metrics, String name) {
            return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
        }

        /** Reconciliations finished since launch, from openmodel_reconciles_total. */
        long reconciles() {
            String metrics = get("/q/metrics");
            if (metrics == null) {
                return -1;
            }
            return (long) Math.max(0, gauge(metrics, "openmodel_reconciles_total"));
        }

        /** Until openmodel_reconciles_total reaches {@code total}. */
        void awaitReconciled(long total) {
            await(total + " reconciliations finished", ROLLOUT_LIMIT, Duration.ofMillis(100), () -> reconciles() >= total);
        }

        Map<String, Object> awaitReconciles(int n, Duration limit) throws InterruptedException {
            Map<String, Object> out = new LinkedHashMap<>();
            Double[] first = {null};
            await(n + " models reconciled after a restart", limit, Duration.ofMillis(20), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the operator exited; " + log + " ends:\n" + logTail());
                }
                long count = reconciles();
                if (first[0] == null && count >= 1) {
                    first[0] = (System.nanoTime() - launchedAt) / 1e9;
                    try {
                        out.put("cpuSecondsToFirstReconcile", round(cpuMillis() / 1000.0, 2));
                    } catch (IOException e) {
                        // exited between the two reads: the next poll reports it
                    }
                }
                return count >= n;
            });
            double all = (System.nanoTime() - launchedAt) / 1e9;
            out.put("firstReconcileSeconds", round(first[0] == null ? all : first[0], 2));
            out.put("allReconciledSeconds", round(all, 2));
            out.put("phases", startPhases());
            return out;
        }

        /** Where a start's time went, from the operator's own log: seconds from launch to each milestone it logs. */
        static final Map<String, Pattern> PHASES = phases();

        private static Map<String, Pattern> phases() {
            Map<String, Pattern> m = new LinkedHashMap<>();
            m.put("firstLog", Pattern.compile(".")); // the JVM up and Quarkus's first log line
            m.put("operatorStarting", Pattern.compile("Starting operator\\."));
            m.put("informersSynced", Pattern.compile("'openmodel' controller started"));
            m.put("leader", Pattern.compile("New leader with identity: \\S"));
            m.put("eventProcessing", Pattern.compile("Started event processing for controller: openmodel"));
            return m;
        }

        static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) ");

        Map<String, Object> startPhases() {
            Map<String, Object> out = new LinkedHashMap<>();
            try {
                java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
                for (String line : Files.readAllLines(log)) {
                    Matcher t = LOG_TIME.matcher(line);
                    if (!t.find()) {
                        continue;
                    }
                    String rest = line.substring(t.end());
                    for (Map.Entry<String, Pattern> p : PHASES.entrySet()) {
                        if (!out.containsKey(p.getKey()) && p.getValue().matcher(rest).find()) {
                            long at = java.time.LocalDateTime.parse(t.group(1), f).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
                            out.put(p.getKey(), round((at - launchedAtMillis) / 1000.0, 2));
                        }
                    }
                }
            } catch (IOException | java.time.DateTimeException e) {
                out.put("error", e.toString());
            }
            return out;
        }

        long cpuMillis() throws IOException {
            return ProcessCpu.cpuMillis(process.pid());
        }

        long rssKiB() throws IOException {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        }

        /**
         * The heap's live set: a full collection requested with jcmd (GC.run), then what the heap holds
         * (GC.heap_info: "total …K, used …K" of each of the serial collector's generations, DefNew and Tenured on
         * JDK 25, or of another collector's one heap).
         * It sizes the memory limit for a number of models; the collection disturbs what follows, so it is taken
         * only where nothing measured comes after it in this process.
         */
        long liveHeapKiB() throws IOException, InterruptedException {
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
            long kib = 0;
            boolean any = false;
            while (used.find()) {
                kib += Long.parseLong(used.group(1));
                any = true;
            }
            if (!any) {
                throw new IOException("no heap sizes in GC.heap_info: " + info);
            }
            return kib;
        }

        private String jcmd(String command) throws IOException, InterruptedException {
            Path launcher = Path.of(process.info().command().orElseThrow(() -> new IOException("no command line for the operator process")));
            Process p = new ProcessBuilder(launcher.resolveSibling("jcmd").toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("jcmd " + command + " failed: " + out);
            }
            return out;
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /**
     * Crashes the local kube-apiserver, keeps it down until the operator has noticed, and starts it again with the very command line,
     * directory and environment it had. The controller manager and the scheduler exit when they
     * cannot renew their leader Lease during the outage; as a kubelet restarts static pods, they
     * are started again the same way.
     */
    static final class ApiServer {
        record Launch(long pid, List<String> cmd, Path cwd, Map<String, String> env, Path log) {
            /** The binary's name, which is also the name of its leader Lease in kube-system. */
            String name() {
                return Path.of(cmd.get(0)).getFileName().toString();
            }

            void start() throws IOException {
                ProcessBuilder b = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                b.environment().clear();
                b.environment().putAll(env);
                b.start();
            }
        }

        static String renewTime(KubernetesClient client, Launch component) {
            try {
                var lease = client.leases().inNamespace("kube-system").withName(component.name()).get();
                return lease == null || lease.getSpec() == null ? null : String.valueOf(lease.getSpec().getRenewTime());
            } catch (RuntimeException e) {
                return null; // the API server still settling: asked again
            }
        }

        static String argv0(long pid) {
            try {
                String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")));
                int nul = cmdline.indexOf('\0');
                return nul < 0 ? cmdline : cmdline.substring(0, nul);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        /** Where the local cluster's component binaries are (and so how its processes are recognised). */
        static Path clusterBin() {
            return LocalCluster.kubeconfig().getParent().resolve("kwok/clusters/openmodel/bin").toAbsolutePath();
        }

        /** The running component whose binary is bin/name, as it was launched. */
        static Launch launch(Path bin, String name) throws IOException {
            Path binary = bin.resolve(name);
            // By its command line: the binary in the cluster directory may be a link to the built one.
            ProcessHandle p = ProcessHandle.allProcesses().filter(h -> binary.toString().equals(argv0(h.pid()))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + " running from " + binary));
            String pid = String.valueOf(p.pid());
            List<String> cmd = List.of(new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline"))).split("\0"));
            Path cwd = Files.readSymbolicLink(Path.of("/proc", pid, "cwd"));
            Map<String, String> env = new TreeMap<>();
            for (String kv : new String(Files.readAllBytes(Path.of("/proc", pid, "environ"))).split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            return new Launch(p.pid(), cmd, cwd, env, bin.getParent().resolve("logs/" + name + ".log"));
        }

        /** How long the API server was down, and when it was ready again (System.nanoTime()). */
        record Outage(double downSeconds, long backAt) {
        }

        /**
         * Crashes the API server and keeps it down until {@code noticed} holds (the operator has
         * lost its watches: an outage it felt, not one over before it looked), then starts it again.
         */
        static Outage restart(KubernetesClient client, java.util.function.BooleanSupplier noticed) {
            try {
                Path bin = clusterBin();
                Launch server = launch(bin, "kube-apiserver");
                List<Launch> dependants = List.of(launch(bin, "kube-controller-manager"), launch(bin, "kube-scheduler"));
                System.out.printf("  crashing kube-apiserver (pid %d)%n", server.pid());
                ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
                long down = System.nanoTime();
                handle.destroyForcibly(); // a crash: a graceful stop drains watches for a minute or more
                handle.onExit().get(60, TimeUnit.SECONDS);
                await("the operator to lose its watches", Duration.ofMinutes(1), Duration.ofMillis(50), noticed::getAsBoolean);
                server.start();
                await("kube-apiserver ready again", Duration.ofMinutes(2), Duration.ofMillis(100), () -> {
                    try {
                        return "ok".equals(client.raw("/readyz"));
                    } catch (RuntimeException e) {
                        return false; // not up yet
                    }
                });
                long back = System.nanoTime();
                System.out.printf("  kube-apiserver is back after %.1f s%n", (back - down) / 1e9);
                // Each component has either kept its Lease (renewed it since) or exited on losing it (started again).
                Map<Launch, String> renewed = new java.util.HashMap<>();
                dependants.forEach(l -> renewed.put(l, renewTime(client, l)));
                List<Launch> pending = new ArrayList<>(dependants);
                await("the controller manager and scheduler renewing their Lease or restarted", Duration.ofMinutes(1), Duration.ofMillis(200), () -> {
                    for (java.util.Iterator<Launch> it = pending.iterator(); it.hasNext();) {
                        Launch l = it.next();
                        if (!ProcessHandle.of(l.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                            System.out.println("  restarting " + l.name() + " (it exited: lost its Lease)");
                            l.start();
                            it.remove();
                        } else if (!java.util.Objects.equals(renewTime(client, l), renewed.get(l))) {
                            it.remove();
                        }
                    }
                    return pending.isEmpty();
                });
                return new Outage((back - down) / 1e9, back);
            } catch (Exception e) {
                throw new IllegalStateException("could not restart kube-apiserver: " + e.getMessage(), e);
            }
        }
    }
}
