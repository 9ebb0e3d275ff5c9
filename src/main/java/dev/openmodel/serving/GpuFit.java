package dev.openmodel.serving;

import java.util.List;
import java.util.Locale;

/**
 * Does a model fit the GPUs it asks for? An estimate of the memory an inference server needs,
 * checked against what the nodes offer (GPU Feature Discovery labels). The formula, in the
 * spirit of Kaito's estimator:
 *
 * <pre>
 * weights  = parameters × bytes per parameter (fp32 4, bf16/fp16 2, fp8/int8 1, int4 0.5)
 * needed   = weights + max(10% of weights, 2 GiB) for the KV cache and activations
 *          + 1 GiB per GPU of runtime overhead (CUDA context, kernels)
 * offered  = 95% of (GPU memory per device × devices per replica)
 * </pre>
 *
 * A model fits a node when the node has that many devices, each with enough memory, so that
 * {@code needed ≤ offered}. Nodes with too few devices are left to the scheduler (Unschedulable).
 */
public final class GpuFit {
    static final double GIB = 1024.0 * 1024 * 1024;
    static final double USABLE = 0.95;

    /** A node's accelerators: product, memory per device in MiB, devices. */
    public record Offer(String node, String product, long memoryMiB, int devices) {
    }

    /** What one replica needs: total GiB across its devices, and per device in MiB. */
    public record Need(double gib, long perDeviceMiB, String how) {
    }

    /** The verdict: fits on every offer, on some (steer with minimum per-device memory), on none (why), or unknown. */
    public record Verdict(Kind kind, long minDeviceMiB, String message) {
        public enum Kind {
            FITS, FITS_SOME, FITS_NONE, UNKNOWN
        }
    }

    private GpuFit() {
    }

    /** Bytes per parameter for a precision or a source dtype (BF16, F16, F32, F8_E4M3, I8, U8, ...); null when unknown. */
    public static Double bytesPerParameter(String precision) {
        if (precision == null) {
            return null;
        }
        String p = precision.toLowerCase(Locale.ROOT);
        if (p.equals("fp32") || p.equals("f32") || p.equals("float32")) {
            return 4.0;
        }
        if (p.equals("bf16") || p.equals("fp16") || p.equals("f16") || p.equals("float16") || p.equals("bfloat16")) {
            return 2.0;
        }
        if (p.startsWith("fp8") || p.startsWith("f8") || p.equals("int8") || p.equals("i8") || p.equals("u8")) {
            return 1.0;
        }
        if (p.equals("int4") || p.equals("awq") || p.equals("gptq") || p.equals("q4") || p.equals("nf4")) {
            return 0.5;
        }
        return null;
    }

    public static Need need(long parameters, double bytesPerParameter, String precision, int devices) {
        double weights = parameters * bytesPerParameter / GIB;
        double headroom = Math.max(weights * 0.10, 2.0);
        double total = weights + headroom + devices;
        long perDeviceMiB = (long) Math.ceil(total / devices / USABLE * 1024);
        String how = String.format(Locale.ROOT, "%s parameters × %s bytes (%s) = %.0f GiB of weights, + %.0f GiB KV cache and activations, + %d GiB runtime",
                humanCount(parameters), trim(bytesPerParameter), precision, weights, headroom, devices);
        return new Need(total, perDeviceMiB, how);
    }

    /**
     * @param offers the nodes that carry the requested accelerator (and product, when one is asked for)
     */
    public static Verdict check(Need need, int devices, List<Offer> offers) {
        if (offers.isEmpty()) {
            return new Verdict(Verdict.Kind.UNKNOWN, 0, "no node publishes GPU memory (nvidia.com/gpu.memory) for the requested accelerator");
        }
        offers = offers.stream().filter(o -> o.devices() >= devices).toList();
        if (offers.isEmpty()) {
            // Not a question of memory: the scheduler reports it (Unschedulable), and an autoscaler may add such nodes.
            return new Verdict(Verdict.Kind.UNKNOWN, 0, "no node has " + devices + " of these devices");
        }
        boolean all = true;
        boolean any = false;
        double largest = 0;
        Offer best = null;
        for (Offer o : offers) {
            boolean enoughDevices = o.devices() >= devices;
            double offered = USABLE * o.memoryMiB() / 1024.0 * devices;
            boolean fits = enoughDevices && o.memoryMiB() >= need.perDeviceMiB();
            all &= fits;
            any |= fits;
            if (enoughDevices && offered > largest) {
                largest = offered;
                best = o;
            }
        }
        if (all) {
            return new Verdict(Verdict.Kind.FITS, 0, null);
        }
        if (any) {
            return new Verdict(Verdict.Kind.FITS_SOME, need.perDeviceMiB(), null);
        }
        String offer = best == null ? "no node has " + devices + " of these devices"
                : String.format(Locale.ROOT, "the largest offer is %.0f GiB (%d × %s on %s)", largest, devices, best.product(), best.node());
        return new Verdict(Verdict.Kind.FITS_NONE, 0, String.format(Locale.ROOT, "needs ~%.0f GiB of GPU memory per replica (%s); %s",
                need.gib(), need.how(), offer));
    }

    private static String humanCount(long n) {
        if (n >= 1_000_000_000L) {
            return trim(n / 1e9) + "B";
        }
        if (n >= 1_000_000L) {
            return trim(n / 1e6) + "M";
        }
        return Long.toString(n);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
