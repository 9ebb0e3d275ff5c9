package dev.openmodel.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's apiserver_request_total from its /metrics, summed by "VERB resource" (a
 * subresource as "resource/subresource", requests for no resource as "(non-resource)"): what the
 * benchmark counts per model and in a steady state, and what a test counts across one action.
 */
public record ApiRequests(Map<String, Long> counts) {
    static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{(.*)} ([0-9.e+]+)$");
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION", "CREATE", "UPDATE");
    static final String NON_RESOURCE = "(non-resource)";

    /** One read of the API server's /metrics. */
    public static ApiRequests scrape(KubernetesClient client) {
        return parse(client.raw("/metrics"));
    }

    static ApiRequests parse(String text) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = labels(m.group(1));
            String resource = labels.getOrDefault("resource", "");
            if (!labels.getOrDefault("subresource", "").isEmpty()) {
                resource += "/" + labels.get("subresource");
            }
            String key = labels.get("verb") + " " + (resource.isEmpty() ? NON_RESOURCE : resource);
            counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return new ApiRequests(counts);
    }

    static Map<String, String> labels(String s) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = LABEL.matcher(s);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    public ApiRequests minus(ApiRequests before) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            long d = v - before.counts.getOrDefault(k, 0L);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return new ApiRequests(out);
    }

    /** The counts whose verb and resource pass. */
    public ApiRequests where(BiPredicate<String, String> verbAndResource) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            String[] parts = k.split(" ", 2);
            if (verbAndResource.test(parts[0], parts[1])) {
                out.put(k, v);
            }
        });
        return new ApiRequests(out);
    }

    /** Writes of these resources. */
    public ApiRequests writesOn(Set<String> resources) {
        return where((verb, resource) -> WRITES.contains(verb) && resources.contains(resource));
    }

    /** GETs and LISTs of objects (not discovery, not /metrics), Leases left out. */
    public ApiRequests objectReads() {
        return where((verb, resource) -> ("GET".equals(verb) || "LIST".equals(verb)) && !resource.equals(NON_RESOURCE) && !resource.equals("leases"));
    }

    /** "0", or each count and what it counts. */
    public String describe() {
        return counts.isEmpty() ? "0" : String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    public ApiRequests plusEvents(long events) {
        Map<String, Long> out = new TreeMap<>(counts);
        if (events > 0) {
            out.put("POST events (operator)", events);
        }
        return new ApiRequests(out);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests per model by "VERB resource", the larger ones first (watches and lists of the whole run included). */
    public Map<String, Double> perModel(int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("total", hundredths(total() / (double) n));
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() >= n / 10)
                .forEach(e -> out.put(e.getKey(), hundredths(e.getValue() / (double) n)));
        return out;
    }

    private static double hundredths(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
