package dev.openmodel.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's CPU profile over a whole rollout ({@code BENCH_APISERVER_PROFILE=<seconds>}): Go's
 * {@code /debug/pprof/profile} taken in back-to-back slices of that many seconds from {@link #start}
 * until {@link #stop} (which waits for the slice under way, so a short slice keeps what follows the
 * rollout out of it), saved as {@code target/bench/apiserver-<name>-<i>.pprof}. Its samples are put in
 * parts of the API server's work (each sample in the first part its stack holds), so that the floor and
 * the OpenModel rollout can be set side by side in milliseconds per model. The slices are read together
 * with {@code go tool pprof -raw} (Go is what the local control plane is built with). A window inside
 * the rollout would not do: the parts' shares change as it goes (the models' creates come in its first
 * seconds, their Ready status writes at its end).
 */
final class ApiServerProfile {
    /** The parts, in the order a sample is tried against them; "other" takes the rest. */
    static final Map<String, Pattern> PARTS = parts(
            "garbage collection", "runtime\\.gcBgMarkWorker|runtime\\.bgsweep|runtime\\.bgscavenge|runtime\\.gcStart|runtime\\.GC",
            // Any frame of the custom-resource server: a request's storage work runs in a goroutine of its own
            // (finishRequest), whose stack holds no handler above it but does hold the custom resource's REST storage.
            "custom resources", "k8s\\.io/apiextensions-apiserver/",
            "watches", "serveWatch|WatchServer|cacheWatcher|dispatchEvent|processEvent|cacher\\.\\(\\*Cacher\\)\\.dispatch",
            "etcd client", "google\\.golang\\.org/grpc",
            "applies and patches", "handlers\\.PatchResource|handlers\\.\\(\\*patcher\\)",
            "updates", "handlers\\.UpdateResource",
            "creates", "handlers\\.createHandler|handlers\\.CreateResource|CreateNamedResource",
            "reads", "handlers\\.getResourceHandler|GetResource|ListResource",
            "watch cache", "tools/cache\\.\\(\\*Reflector\\)|watchCache|cacher\\.\\(\\*Cacher\\)",
            "HTTP and filters", "net/http|crypto/tls");

    private static Map<String, Pattern> parts(String... nameAndPattern) {
        Map<String, Pattern> parts = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPattern.length; i += 2) {
            parts.put(nameAndPattern[i], Pattern.compile(nameAndPattern[i + 1]));
        }
        return parts;
    }

    private final KubernetesClient client;
    private final String name;
    private final int seconds;
    private final String url;
    private final List<Path> slices = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private ApiServerProfile(KubernetesClient client, String name, int seconds) {
        this.client = client;
        this.name = name;
        this.seconds = seconds;
        this.url = client.getConfiguration().getMasterUrl().replaceAll("/$", "") + "/debug/pprof/profile?seconds=" + seconds;
    }

    /** Starts profiling a rollout that starts now, or returns null when profiling is off (BENCH_APISERVER_PROFILE unset or 0). */
    static ApiServerProfile start(KubernetesClient client, String name) throws IOException {
        int seconds = Integer.parseInt(RolloutBenchmark.env("BENCH_APISERVER_PROFILE", "0"));
        if (seconds <= 0) {
            return null;
        }
        Files.createDirectories(RolloutBenchmark.OUT);
        try (var earlier = Files.newDirectoryStream(RolloutBenchmark.OUT, "apiserver-" + name + "-*.pprof")) {
            for (Path slice : earlier) { // an earlier run's, which may have had more slices
                Files.delete(slice);
            }
        }
        ApiServerProfile profile = new ApiServerProfile(client, name, seconds);
        profile.next(0);
        return profile;
    }

    /** Slice i; the next when it has come, unless stopping. */
    private void next(int i) {
        // The answer comes when the slice ends; an API server that never answers fails the run instead of stalling it.
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).timeout(seconds + 30L, TimeUnit.SECONDS).build();
        client.getHttpClient().sendAsync(request, byte[].class).whenComplete((HttpResponse<byte[]> response, Throwable failure) -> {
            try {
                if (failure != null) {
                    throw failure;
                }
                if (response.code() != 200) {
                    throw new IOException("HTTP " + response.code() + " for " + url);
                }
                Path slice = RolloutBenchmark.OUT.resolve("apiserver-" + name + "-" + i + ".pprof");
                Files.write(slice, response.body());
                slices.add(slice);
                if (stopping.get()) {
                    done.complete(null);
                } else {
                    next(i + 1);
                }
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
    }

    /** Stops after the slice under way (waits for it). */
    void stop() throws Exception {
        stopping.set(true);
        done.get(seconds + 60L, TimeUnit.SECONDS);
    }

    /** Each part's share of the samples of all slices (0 to 1); call after {@link #stop}. */
    Map<String, Double> shares() throws Exception {
        List<String> command = new ArrayList<>(List.of("go", "tool", "pprof", "-raw"));
        slices.forEach(p -> command.add(p.toString()));
        Process go = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String raw = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (go.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return shares(raw);
    }

    /** The shares of a profile in {@code go tool pprof -raw}'s text form. */
    static Map<String, Double> shares(String raw) {
        List<String> lines = raw.lines().toList();
        int locations = lines.indexOf("Locations");
        if (locations < 0) {
            throw new IllegalArgumentException("no Locations section: not pprof -raw output");
        }
        // Each location: its address line names the first function, continuation lines the ones inlined into it.
        Map<Integer, StringBuilder> functions = new HashMap<>();
        Pattern location = Pattern.compile("\\s*(\\d+): 0x[0-9a-f]+ (?:M=\\d+ )?(\\S+).*");
        StringBuilder current = null;
        for (String line : lines.subList(locations + 1, lines.size())) {
            if (line.startsWith("Mappings")) {
                break;
            }
            Matcher m = location.matcher(line);
            if (m.matches()) {
                current = new StringBuilder(m.group(2));
                functions.put(Integer.parseInt(m.group(1)), current);
            } else if (current != null && !line.isBlank()) {
                current.append(' ').append(line.strip().split("\\s+")[0]);
            }
        }
        Pattern sample = Pattern.compile("\\s*(\\d+)\\s+\\d+: ([\\d ]+)");
        Map<String, Long> counts = new LinkedHashMap<>();
        PARTS.keySet().forEach(p -> counts.put(p, 0L));
        counts.put("other", 0L);
        long total = 0;
        for (String line : lines.subList(0, locations)) {
            Matcher m = sample.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long n = Long.parseLong(m.group(1));
            List<String> stack = new ArrayList<>();
            for (String id : m.group(2).strip().split(" ")) {
                StringBuilder f = functions.get(Integer.parseInt(id));
                stack.add(f == null ? "?" : f.toString());
            }
            String joined = String.join(" ", stack);
            String part = PARTS.entrySet().stream().filter(e -> e.getValue().matcher(joined).find()).map(Map.Entry::getKey).findFirst()
                    .orElse("other");
            counts.merge(part, n, Long::sum);
            total += n;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (var e : counts.entrySet()) {
            shares.put(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total);
        }
        return shares;
    }
}
